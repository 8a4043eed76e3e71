# Shared by the side-by-side scripts in bench/engine (sourced, not run): the llama.cpp library path,
# the model files both engines read, and a median. The sourcing script sets, before sourcing:
#   prog (its name, for messages), ys (yardstick binary), llama (llama.cpp folder),
#   fixtures (../shared/fixtures), dir (model folder), threads.

# The shared copy of llama.cpp may carry its library symlinks as small text files naming their
# targets: recreate them as real links in a private folder on the library path.
llama_libs=$(mktemp -d)
trap 'rm -rf "$llama_libs"' EXIT
for f in "$llama"/bin/*.so*; do
  name=$(basename "$f")
  if [ ! -L "$f" ] && [ "$(stat -c %s "$f")" -lt 100 ]; then
    ln -s "$(cd "$llama/bin" && pwd)/$(cat "$f")" "$llama_libs/$name"
  fi
done
export LD_LIBRARY_PATH="$llama_libs:$(cd "$llama/bin" && pwd)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

# name -> llama-quantize preset
preset() {
  case "$1" in
    q8_0) echo Q8_0 ;; q4_0) echo Q4_0 ;; q4_k_m) echo Q4_K_M ;; q4_k_s) echo Q4_K_S ;;
    q5_k_m) echo Q5_K_M ;; q5_k_s) echo Q5_K_S ;; q6_k) echo Q6_K ;; q3_k_m) echo Q3_K_M ;;
    q2_k) echo Q2_K ;; iq4_nl) echo IQ4_NL ;; iq4_xs) echo IQ4_XS ;; *) echo "" ;;
  esac
}

# shape type -> path of the model file, made on first use: `yardstick engine make-model --type f16`
# with the real tokenizer of the shape's family, then llama.cpp's llama-quantize for each preset.
model_file() {
  local shape=$1 type=$2 f16="$dir/$1-f16.gguf" out="$dir/$1-$2.gguf"
  if [ ! -s "$f16" ]; then
    echo "making $f16 (random weights)" >&2
    local vocab
    case "$shape" in
      qwen*) vocab=$fixtures/tokenizer/ggml-vocab-qwen2.gguf ;;
      *) vocab=$fixtures/tokenizer/ggml-vocab-llama-bpe.gguf ;;
    esac
    [ -s "$vocab" ] || { echo "$prog: no tokenizer file $vocab (set YS_FIXTURES)" >&2; exit 2; }
    "$ys" engine make-model --shape "$shape" --type f16 --vocab "$vocab" -o "$f16.tmp" >&2 &&
      mv "$f16.tmp" "$f16"
  fi
  if [ "$type" = f16 ]; then echo "$f16"; return; fi
  if [ ! -s "$out" ]; then
    local p
    p=$(preset "$type")
    [ -n "$p" ] || { echo "$prog: unknown type '$type'" >&2; exit 2; }
    echo "quantizing $out ($p, llama-quantize)" >&2
    "$llama/bin/llama-quantize" "$f16" "$out.tmp" "$p" "$threads" > "$dir/quantize-$1-$2.log" 2>&1 \
      || { echo "$prog: llama-quantize failed, see $dir/quantize-$1-$2.log" >&2; exit 3; }
    mv "$out.tmp" "$out"
  fi
  echo "$out"
}

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The CPU variant ggml loads on this machine (its -v output names the library).
llama_variant() {
  local v
  v=$("$llama/bin/llama-bench" -m "$1" -p 0 -n 1 -r 1 -t 1 -v 2>&1 | grep -o 'libggml-cpu-[a-z0-9]*' | head -1 || true)
  echo "${v#libggml-cpu-}"
}
