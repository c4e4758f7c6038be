#!/usr/bin/python3
"""FastAPI peer of Keel's server for the serving benchmark: Adult income over the Open Inference Protocol V2 REST.

  POST /v2/models/adult/infer   OIP request, one FP64 or BYTES input per Adult feature column, shape [rows]
                                ("pd" content type, the body of request.json); answers outputs `label` (BYTES,
                                [rows]) and `probabilities` (FP64, [rows, 2], classes "<=50K", ">50K").
  GET  /v2/health/ready         200 once the model is trained.

Environment: PEER_MODEL hgb (default) or xgb (see adult_models.py), PEER_HOST (default 127.0.0.1),
PEER_PORT (default 8090). The model is trained on samples/data/adult.data when the module is imported, so every
uvicorn worker has its own. One worker:
  PEER_MODEL=hgb /usr/bin/python3 peer_server.py
Two workers (run from this folder, or add --app-dir benchmarks/serving; one OpenMP thread per worker on two cores,
as peers.sh does, since two threads per worker oversubscribe them):
  PEER_MODEL=hgb OMP_NUM_THREADS=1 /usr/bin/python3 -m uvicorn peer_server:app --workers 2 --host 127.0.0.1 \
    --port 8090 --log-level warning
"""
import os
import sys
import time
from typing import Any, List, Optional

import numpy as np
import uvicorn
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from adult_models import CLASSES, FEATURES, MODELS, NUMERIC, load_adult


class RequestInput(BaseModel):
    name: str
    datatype: str
    shape: List[int]
    data: List[Any]  # Any, not Union[float, str]: pydantic would turn a category such as "1" into 1.0
    parameters: Optional[dict] = None


class InferenceRequest(BaseModel):
    id: Optional[str] = None
    parameters: Optional[dict] = None
    inputs: List[RequestInput]
    outputs: Optional[List[dict]] = None


def train():
    kind = os.environ.get("PEER_MODEL", "hgb")
    if kind not in MODELS:
        raise SystemExit(f"PEER_MODEL must be one of {sorted(MODELS)}, not {kind!r}")
    start = time.perf_counter()
    model = MODELS[kind](*load_adult())
    print(f"peer_server: {kind} trained in {time.perf_counter() - start:.2f} s (pid {os.getpid()})",
          file=sys.stderr, flush=True)
    return model


def request_columns(request):
    """{feature: values} from the request: numbers as float arrays, categories as str with None for null or "?"."""
    given = {i.name: i.data for i in request.inputs}
    missing = [name for name in FEATURES if name not in given]
    if missing:
        raise ValueError(f"missing inputs: {', '.join(missing)}")
    if len({len(given[name]) for name in FEATURES}) != 1:
        raise ValueError("inputs differ in number of rows")
    columns = {}
    for name in FEATURES:
        if name in NUMERIC:
            columns[name] = np.asarray(given[name], dtype=float)  # null -> NaN
        else:
            columns[name] = [None if v is None or v == "?" else str(v) for v in given[name]]
    return columns


MODEL = train()
app = FastAPI()


@app.get("/v2/health/ready")
def ready():
    return {"ready": True}


@app.exception_handler(RequestValidationError)
async def invalid_request(request, error):
    return JSONResponse({"error": str(error)}, status_code=400)  # OIP errors are {"error": ...}, not FastAPI's 422


# async def: the prediction holds the GIL (and sklearn's OpenMP threads), so handing it to FastAPI's thread pool, as
# a plain def would, only adds contention: measured 28 instead of 67 requests/s for hgb, 500 instead of 910 for xgb.
@app.post("/v2/models/adult/infer")
async def infer(request: InferenceRequest):
    try:
        columns = request_columns(request)
    except (TypeError, ValueError) as e:
        return JSONResponse({"error": str(e)}, status_code=400)
    probabilities = MODEL.predict_proba(columns)
    rows = len(probabilities)
    body = {"model_name": "adult", "model_version": "1"}
    if request.id is not None:
        body["id"] = request.id
    body["outputs"] = [
        {"name": "label", "datatype": "BYTES", "shape": [rows],
         "data": [CLASSES[k] for k in probabilities.argmax(axis=1)]},
        {"name": "probabilities", "datatype": "FP64", "shape": [rows, 2], "data": probabilities.ravel().tolist(),
         "parameters": {"classes": CLASSES}}]
    return JSONResponse(body)


if __name__ == "__main__":
    uvicorn.run(app, host=os.environ.get("PEER_HOST", "127.0.0.1"), port=int(os.environ.get("PEER_PORT", "8090")),
                workers=1, log_level="warning")
