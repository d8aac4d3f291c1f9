#!/usr/bin/env bash
# Makes the five sample clips the tutorial app uses when --input is not given, in the spirit of the
# Azure Batch Python tutorial's InputFiles/LowPriVMs-1..5.mp4: a small test-pattern video and a tone each.
# Usage: scripts/make-sample-clips.sh [ffmpeg]   (default: $BATCH_TRANSCODE_FFMPEG, then ffmpeg on the PATH)
set -euo pipefail
ffmpeg=${1:-${BATCH_TRANSCODE_FFMPEG:-ffmpeg}}
out="$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/io/github/batchtranscode/examples/InputFiles"
mkdir -p "$out"
tones=(440 523 587 659 784)
for i in 1 2 3 4 5; do
  seconds=$((3 + i))
  "$ffmpeg" -nostdin -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc=size=160x120:rate=10:duration=${seconds}" \
    -f lavfi -i "sine=frequency=${tones[$((i - 1))]}:sample_rate=44100:duration=${seconds}" \
    -c:v mpeg4 -q:v 12 -c:a aac -b:a 64k -shortest -movflags +faststart "$out/LowPriVMs-$i.mp4"
done
ls -l "$out"
