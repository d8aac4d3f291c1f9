#!/usr/bin/env bash
# Makes the five sample clips the tutorial app uses when --input is not given, in the spirit of the
# Azure Batch Python tutorial's InputFiles/LowPriVMs-1..5.mp4: small 1280x720 H.264 + AAC videos of 3 to 5 s,
# worth running the video presets on (the ladder makes 720p, 480p and 360p of each), a different tone each.
# Low bit rate on purpose: the five stay well under 1 MB in the repository.
# Usage: scripts/make-sample-clips.sh [ffmpeg]   (default: $BATCH_TRANSCODE_FFMPEG, then ffmpeg on the PATH)
set -euo pipefail
ffmpeg=${1:-${BATCH_TRANSCODE_FFMPEG:-ffmpeg}}
out="$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/io/github/batchtranscode/examples/InputFiles"
mkdir -p "$out"
if "$ffmpeg" -hide_banner -encoders 2>/dev/null | grep -q ' libx264 '; then
  video=(-c:v libx264 -preset medium -b:v 200k -maxrate 250k -bufsize 500k -pix_fmt yuv420p)
else
  video=(-c:v libopenh264 -b:v 200k -maxrate 250k -rc_mode bitrate -pix_fmt yuv420p)   # the bundled org.bytedeco build
fi
tones=(440 523 587 659 784)
for i in 1 2 3 4 5; do
  seconds=$((2 + (i + 1) / 2))   # 3, 3, 4, 4, 5
  "$ffmpeg" -nostdin -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc=size=1280x720:rate=24:duration=${seconds}" \
    -f lavfi -i "sine=frequency=${tones[$((i - 1))]}:sample_rate=48000:duration=${seconds}" \
    "${video[@]}" -g 48 -c:a aac -b:a 64k -shortest -movflags +faststart "$out/LowPriVMs-$i.mp4"
done
ls -l "$out"
