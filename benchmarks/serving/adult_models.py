"""Adult income data and the two peer models of the serving benchmark (shared by peer_server.py and
single_row_predict.py).

Both models take the columns of a request as a dict {feature name: values}, the numbers as float arrays and the
categories as lists of str with None for missing, and return predict_proba-style arrays of shape (rows, 2).
  hgb  scikit-learn HistGradientBoostingClassifier with native categorical support (ordinal-encoded categories,
       unknown -> NaN); predicts the way a typical FastAPI + sklearn service does: predict_proba on a pandas
       DataFrame built from the request.
  xgb  XGBoost XGBClassifier on one-hot encoded categories (sklearn OneHotEncoder(handle_unknown="ignore")) with
       the numbers passed through; predicts with Booster.inplace_predict on a numpy matrix filled from a lookup
       table of the fitted encoder's categories (same matrix as encoder.transform, without its per-call overhead).
"""
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder
from xgboost import XGBClassifier

COLUMNS = ["age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation",
           "relationship", "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country",
           "income"]
LABEL = "income"
FEATURES = COLUMNS[:-1]
CATEGORICAL = ["workclass", "education", "marital-status", "occupation", "relationship", "race", "sex",
               "native-country"]
NUMERIC = [c for c in FEATURES if c not in CATEGORICAL]
CLASSES = ["<=50K", ">50K"]
ADULT = Path(__file__).resolve().parents[2] / "samples" / "data" / "adult.data"


def load_adult(path=ADULT):
    """Features (DataFrame, "?" as NaN) and labels (1 for ">50K") of adult.data as shipped."""
    frame = pd.read_csv(path, header=None, names=COLUMNS, skipinitialspace=True, na_values=["?"])
    for name in CATEGORICAL + [LABEL]:
        frame[name] = frame[name].str.strip()
    return frame[FEATURES], (frame[LABEL] == ">50K").to_numpy(dtype=int)


def request_columns(frame):
    """The columns of a DataFrame in the form the models take (what the server parses a request into)."""
    columns = {name: frame[name].to_numpy(dtype=float) for name in NUMERIC}
    columns.update({name: [None if pd.isna(v) else v for v in frame[name]] for name in CATEGORICAL})
    return {name: columns[name] for name in FEATURES}


class HgbModel:
    def __init__(self, x, y):
        encode = ColumnTransformer(
            [("cat", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan), CATEGORICAL),
             ("num", "passthrough", NUMERIC)])
        model = HistGradientBoostingClassifier(
            categorical_features=[True] * len(CATEGORICAL) + [False] * len(NUMERIC), max_iter=500,
            learning_rate=0.05, max_leaf_nodes=31, early_stopping=False, random_state=42)
        self.pipeline = Pipeline([("encode", encode), ("model", model)]).fit(x, y)

    def predict_proba(self, columns):
        return self.pipeline.predict_proba(pd.DataFrame(columns))


class XgbModel:
    def __init__(self, x, y):
        encoder = OneHotEncoder(handle_unknown="ignore", sparse_output=False).fit(x[CATEGORICAL])
        features = np.hstack([encoder.transform(x[CATEGORICAL]), x[NUMERIC].to_numpy(dtype=float)])
        classifier = XGBClassifier(tree_method="hist", n_estimators=500, learning_rate=0.05, max_depth=6,
                                   random_state=42)
        self.booster = classifier.fit(features, y).get_booster()
        # Per categorical column, {category: feature index}; the encoder's NaN ("?") category is keyed by None.
        self.slots, offset = [], 0
        for categories in encoder.categories_:
            self.slots.append({(None if pd.isna(c) else c): offset + i for i, c in enumerate(categories)})
            offset += len(categories)
        self.numeric_offset = offset
        self.width = offset + len(NUMERIC)
        sample = x.iloc[:1000]
        expected = np.hstack([encoder.transform(sample[CATEGORICAL]), sample[NUMERIC].to_numpy(dtype=float)])
        if not np.array_equal(self.encode(request_columns(sample)), expected):
            raise AssertionError("lookup encoding differs from OneHotEncoder.transform")

    def encode(self, columns):
        rows = len(columns[NUMERIC[0]])
        matrix = np.zeros((rows, self.width))
        for name, slots in zip(CATEGORICAL, self.slots):
            for row, value in enumerate(columns[name]):
                index = slots.get(value)  # unknown categories leave the row all zeros, like handle_unknown="ignore"
                if index is not None:
                    matrix[row, index] = 1.0
        for j, name in enumerate(NUMERIC):
            matrix[:, self.numeric_offset + j] = columns[name]
        return matrix

    def predict_proba(self, columns):
        positive = self.booster.inplace_predict(self.encode(columns)).astype(np.float64)
        return np.column_stack([1.0 - positive, positive])


MODELS = {"hgb": HgbModel, "xgb": XgbModel}
