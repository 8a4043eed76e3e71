#!/usr/bin/env python3
"""Regenerates the llama.cpp reference files in this folder (see README.md).

For each (fixture model, preset) pair: quantize the fixture's F32 GGUF with llama-quantize, start
llama-server on the result, and for every prefix of the fixture's longest token sequence ask
/completion for the log-probabilities of the whole vocabulary at the next position. Writes
<model>-<preset>.gguf and <model>-<preset>.ref.json.

Usage: make_refs.py LLAMA_BIN_DIR FIXTURES_MODELS_DIR [OUT_DIR [PRESET,...]]
(the optional preset list limits the run to those presets)
LLAMA_BIN_DIR must hold working llama-quantize and llama-server (with their libraries).
"""
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

ALL_PRESETS = ["Q2_K", "Q3_K_S", "Q3_K_M", "Q3_K_L", "Q4_0", "Q4_1", "Q5_0", "Q5_1",
               "Q4_K_S", "Q4_K_M", "Q5_K_S", "Q5_K_M", "Q6_K", "Q8_0", "IQ4_NL"]
# tiny-llama256 has rows of 256 (the K-quants and IQ4_XS apply); tiny-qwen2/qwen3 rows of 64 and
# 160, so llama-quantize falls back to Q4_0/Q4_1/Q5_0/Q5_1/Q8_0 for their K-quant presets (and
# would make IQ4_XS all IQ4_NL).
MODELS = {
    "tiny-llama256": ["Q2_K", "Q3_K_S", "Q3_K_M", "Q3_K_L",
                      "Q4_K_S", "Q4_K_M", "Q5_K_S", "Q5_K_M", "IQ4_XS"],
    "tiny-qwen2": ALL_PRESETS,
    "tiny-qwen3": ALL_PRESETS,
}
N_TOKENS = 24  # prefix of the fixture's 40-token sequence
PORT = 18931
FORCED_TOKEN = 65


def post(body):
    req = urllib.request.Request(f"http://127.0.0.1:{PORT}/completion",
                                 data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        raise RuntimeError(f"llama-server: {e.code} {e.read()[:300]!r}") from e


def wait_ready():
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health", timeout=2) as r:
                if r.status == 200:
                    return
        except Exception:
            pass
        time.sleep(0.1)
    raise RuntimeError("llama-server did not start")


def logprobs_after(tokens, n_vocab):
    d = post({"prompt": tokens, "n_predict": 1, "n_probs": n_vocab, "temperature": 0,
              "cache_prompt": False, "post_sampling_probs": False,
              # The sampled token is forced to byte 'A': the server refuses to return a
              # completion that is not valid UTF-8, and top_logprobs come from the raw logits
              # whatever is sampled.
              "logit_bias": [[FORCED_TOKEN, 100]]})
    top = d["completion_probabilities"][0]["top_logprobs"]
    out = [None] * n_vocab
    for e in top:
        out[e["id"]] = e["logprob"]
    assert None not in out, "server returned fewer than n_vocab log-probs"
    return out


def reference(gguf, tokens, n_vocab, bin_dir):
    srv = subprocess.Popen([os.path.join(bin_dir, "llama-server"), "-m", gguf, "--host",
                            "127.0.0.1", "--port", str(PORT), "-t", "1", "-c", "256", "-np", "1",
                            "-ctk", "f32", "-ctv", "f32", "-fa", "off"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready()
        next_lp, argmax, last = [], [], None
        for k in range(1, len(tokens) + 1):
            lp = logprobs_after(tokens[:k], n_vocab)
            argmax.append(max(range(n_vocab), key=lambda i: (lp[i], -i)))
            if k < len(tokens):
                next_lp.append(lp[tokens[k]])
            last = lp
        return {"tokens": tokens, "next_token_logprobs": next_lp, "argmax_per_position": argmax,
                "last_logprobs": last}
    finally:
        srv.terminate()
        srv.wait()


def main():
    bin_dir, fixtures = sys.argv[1], sys.argv[2]
    out_dir = sys.argv[3] if len(sys.argv) > 3 else os.path.dirname(os.path.abspath(__file__))
    only = set(sys.argv[4].split(",")) if len(sys.argv) > 4 else None
    for model, presets in MODELS.items():
        with open(os.path.join(fixtures, model + "-f32.ref.json")) as f:
            fixture = json.load(f)
        n_vocab = fixture["n_vocab"]
        tokens = max(fixture["sequences"], key=lambda s: len(s["tokens"]))["tokens"][:N_TOKENS]
        for preset in presets:
            if only is not None and preset not in only:
                continue
            name = f"{model}-{preset.lower()}"
            gguf = os.path.join(out_dir, name + ".gguf")
            subprocess.run([os.path.join(bin_dir, "llama-quantize"),
                            os.path.join(fixtures, model + "-f32.gguf"), gguf, preset, "1"],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            ref = reference(gguf, tokens, n_vocab, bin_dir)
            ref = {"model_file": name + ".gguf", "source": model + "-f32.gguf",
                   "preset": preset, "n_vocab": n_vocab, **ref}
            with open(os.path.join(out_dir, name + ".ref.json"), "w") as f:
                json.dump(ref, f, separators=(",", ":"))
            print(name, os.path.getsize(gguf), flush=True)


if __name__ == "__main__":
    main()
