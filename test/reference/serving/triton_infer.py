"""A real Open Inference Protocol v2 client against `npm run cli -- serve`.

Uses NVIDIA's `tritonclient[http]` (PyPI, pinned in scripts/test.sh) as any
Triton/KServe user would: liveness and readiness, model metadata, then one
infer request with one input per dataset column, sent with the client's
default binary tensor encoding (and once more as JSON). Prints one JSON line:
the metadata's inputs, the served version and both probability lists.

    python triton_infer.py <host:port> <rows.json>
"""

import json
import sys

import numpy as np
import tritonclient.http as httpclient

NUMPY = {"BYTES": np.object_, "INT64": np.int64, "FP32": np.float32}


def infer(client, metadata, rows, binary):
    inputs = []
    for spec in metadata["inputs"]:
        values = [row[spec["name"]] for row in rows]
        array = np.array(values, dtype=NUMPY[spec["datatype"]])
        tensor = httpclient.InferInput(spec["name"], [len(rows)], spec["datatype"])
        tensor.set_data_from_numpy(array, binary_data=binary)
        inputs.append(tensor)
    outputs = [httpclient.InferRequestedOutput("match_probability", binary_data=binary)]
    result = client.infer("matchmaking", inputs, outputs=outputs, request_id="triton-1")
    response = result.get_response()
    return response, result.as_numpy("match_probability")


def main():
    url, rows_file = sys.argv[1], sys.argv[2]
    with open(rows_file) as f:
        rows = json.load(f)
    client = httpclient.InferenceServerClient(url=url)
    assert client.is_server_live(), "server not live"
    assert client.is_server_ready(), "server not ready"
    assert client.is_model_ready("matchmaking"), "model not ready"
    metadata = client.get_model_metadata("matchmaking")
    binary_response, binary_probabilities = infer(client, metadata, rows, True)
    json_response, json_probabilities = infer(client, metadata, rows, False)
    print(
        json.dumps(
            {
                "inputs": [[i["name"], i["datatype"], i["shape"]] for i in metadata["inputs"]],
                "model_version": binary_response["model_version"],
                "id": binary_response["id"],
                "binary": [float(p) for p in binary_probabilities],
                "json": [float(p) for p in json_probabilities],
            }
        )
    )


if __name__ == "__main__":
    main()
