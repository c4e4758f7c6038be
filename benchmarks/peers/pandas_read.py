#!/usr/bin/python3
"""Times pandas.read_csv on one file and prints one JSON line (the peer of `Keel.Benchmarks read-csv`).

usage: /usr/bin/python3 pandas_read.py <path> [--adult]

Defaults of read_csv (C engine, type inference over the whole file, header row). --adult reads UCI Adult as shipped:
no header, ", " separated (sep="," with skipinitialspace=True, which keeps the C engine) and "?" as missing, which is
what Keel's reader does for that file without being told.
"""
import json
import os
import sys
import time

import pandas as pd


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = sys.argv[1]
    adult = "--adult" in sys.argv[2:]
    kwargs = dict(header=None, skipinitialspace=True, na_values=["?"]) if adult else {}
    start = time.perf_counter()
    frame = pd.read_csv(path, **kwargs)
    seconds = time.perf_counter() - start
    kinds = frame.dtypes.map(lambda d: d.kind).value_counts().to_dict()
    print(json.dumps({
        "tool": "pandas",
        "mode": "read-csv",
        "path": path,
        "bytes": os.path.getsize(path),
        "rows": int(frame.shape[0]),
        "cols": int(frame.shape[1]),
        "seconds": seconds,
        "dtype_kinds": {str(k): int(v) for k, v in kinds.items()},
        "frame_bytes_deep": int(frame.memory_usage(deep=True).sum()),
        "pandas": pd.__version__,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
