#!/bin/bash
# batch-transcode node script, planned on the node (media the client never holds: blob sources or destinations).
# Runs in the task's working directory with in/source downloaded as its resource file; plan.txt and args-NN-K.txt
# come once per node with the job preparation task, in $AZ_BATCH_JOB_PREP_WORKING_DIR (here when unset).
# 1. Probes in/source once (ffprobe).
# 2. Per format of plan.txt, picks the first candidate whose condition the source meets (its height range, with or
#    without audio), fills the argument file's placeholders with numbers from the probe (key frame interval, own
#    height and its bit rate, thumbnail time) and runs ffmpeg from that argument list, never a shell string.
# 3. Verifies every output (streams, size, codecs, duration against the input's; HLS playlists complete, then
#    writes the folder's master.m3u8), deletes what fails so no OutputFile rule uploads it.
# 4. Writes result.json: per format and output its verdict and facts.
# SKIP_EXISTING: $BT_EXISTING names the output slots whose blobs exist already, as tokens the client made
# ("<format>:<rung label>", "<format>:hls", "<format>:audio", "<format>:file"). A format whose chosen outputs all
# exist runs no ffmpeg; where only some exist, ffmpeg runs and the existing ones it made again are deleted here, so
# no OutputFile rule overwrites their blobs. Either way they are reported as reused.
# plan.txt, the argument files and $BT_EXISTING hold fixed node paths, numbers and codec names only: no user text.
# Exit 0 once result.json is written; any other exit is a failure of the script itself.
set -u
export LC_ALL=C
mkdir -p out
JOB_FILES="${AZ_BATCH_JOB_PREP_WORKING_DIR:-.}"

VERIFY=1
REL=0.02
ABS=0.5
ENTRIES='stream=codec_type,codec_name,profile,level,width,height,r_frame_rate,duration:stream_side_data=rotation:format=duration'

# The facts of a media file on one line, '|'-separated:
# readable|types|hasvideo|vcodec|width|height|vseconds|fps|hasaudio|aseconds|acodec|media|vprofile|vlevel|aprofile
# (displayed width and height: a 90/270 degree rotation swaps them; media: the container's duration, else the
# video's, else the audio's). An unreadable file gives "0|" and the reason in probe-err.txt.
facts() {
  local flat
  if ! flat=$(ffprobe -v error -show_entries "$ENTRIES" -of flat "$1" </dev/null 2>probe-err.txt); then
    printf '0|\n'
    return
  fi
  printf '%s\n' "$flat" | awk -F= '
    function num(v) { return (v ~ /^-?[0-9]+([.][0-9]+)?([eE][-+]?[0-9]+)?$/) ? v : "" }
    {
      k = $1; v = substr($0, length($1) + 2); gsub(/^"|"$/, "", v)
      if (k == "format.duration") { fdur = num(v); next }
      if (k !~ /^streams\.stream\.[0-9]+\./) next
      rest = substr(k, 16); i = rest; sub(/\..*/, "", i); f = substr(rest, length(i) + 2)
      if (i + 0 > n) n = i + 0
      seen[i + 0] = 1
      if (f ~ /^side_data_list\.side_data\.[0-9]+\.rotation$/) rot[i + 0] = v; else S[i + 0, f] = v
    }
    END {
      types = ""; vi = -1; ai = -1
      for (i = 0; i <= n; i++) {
        if (!(i in seen)) continue
        t = S[i, "codec_type"]; types = types (types == "" ? "" : ", ") t
        if (t == "video" && vi < 0) vi = i
        if (t == "audio" && ai < 0) ai = i
      }
      w = 0; h = 0; vc = ""; vs = ""; fps = 0; vp = ""; vl = 0
      if (vi >= 0) {
        w = S[vi, "width"] + 0; h = S[vi, "height"] + 0; vc = S[vi, "codec_name"]; vs = num(S[vi, "duration"])
        vp = S[vi, "profile"]; vl = S[vi, "level"] + 0
        if (vi in rot) {
          r = rot[vi] + 0.5; fl = int(r); if (fl > r) fl--; m = fl % 360; if (m < 0) m += 360
          if (m == 90 || m == 270) { x = w; w = h; h = x }
        }
        fr = S[vi, "r_frame_rate"]
        if (split(fr, q, "/") == 2) { fps = (q[2] + 0 > 0) ? q[1] / q[2] : 0 } else { fps = num(fr) == "" ? 0 : fr + 0 }
        if (!(fps > 0 && fps < 1000)) fps = 0
      }
      ha = ai >= 0 ? 1 : 0; as = ""; ac = ""; ap = ""
      if (ai >= 0) { as = num(S[ai, "duration"]); if (as == "") as = fdur; ac = S[ai, "codec_name"]; ap = S[ai, "profile"] }
      media = fdur != "" ? fdur : (vi >= 0 && vs != "" ? vs : as)
      printf "1|%s|%d|%s|%d|%d|%s|%s|%d|%s|%s|%s|%s|%d|%s\n", types, (vi >= 0 ? 1 : 0), vc, w, h, vs, fps, ha, as, ac, media, vp, vl, ap
    }'
}

# Reads a facts line into F_* variables.
read_facts() {
  IFS='|' read -r F_OK F_TYPES F_HASVIDEO F_VCODEC F_W F_H F_VSECS F_FPS F_HASAUDIO F_ASECS F_ACODEC F_MEDIA \
    F_VPROF F_VLEVEL F_APROF <<< "$1"
}

# A JSON string, or null for an empty value.
json() {
  if [ -z "${1-}" ]; then printf 'null'; return; fi
  printf '"%s"' "$(printf '%s' "$1" | tr -d '\000-\010\013\014\016-\037' | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' \
    -e 's/\r/\\r/g' -e 's/\t/\\t/g' | awk 'NR > 1 { printf "\\n" } { printf "%s", $0 }')"
}

# A JSON number, or null.
jnum() {
  if [[ "${1-}" =~ ^-?[0-9]+([.][0-9]+)?$ ]]; then printf '%s' "$1"; else printf 'null'; fi
}

# The last lines of a log, joined by " | ".
tail_of() {
  grep -v '^[[:space:]]*$' "$1" 2>/dev/null | tail -n 5 | awk 'NR > 1 { printf " | " } { printf "%s", $0 }'
}

# Empty when $2 (seconds) is within tolerance of $1, else the percentage of $2 in $1; "?" when $2 is unknown.
off_by() {
  awk -v e="$1" -v a="$2" -v r="$REL" -v b="$ABS" 'BEGIN {
    if (a == "") { print "?"; exit }
    t = e * r; if (t < b) t = b; d = a - e; if (d < 0) d = -d
    if (d > t) printf "%.0f\n", 100 * a / e }'
}

# The outcome of a duration check: empty when fine, else why ("$3" names what the input's duration is of).
duration_problem() {
  local expected="$1" actual="$2" what="$3" off
  [ -z "$expected" ] && return
  off=$(off_by "$expected" "$actual")
  [ -z "$off" ] && return
  if [ "$off" = "?" ]; then
    printf "the output's duration could not be determined"
  else
    awk -v a="$actual" -v e="$expected" -v p="$off" -v w="$what" 'BEGIN { printf "output is %.2f s long but %s is %.2f s (%s %%): the input is probably truncated or damaged", a, w, e, p }'
  fi
}

# The problem with a video file's streams (empty when none): expected codec, max height, audio codec or "-".
stream_problem() {
  local vcodec="$1" maxh="$2" acodec="$3"
  if [ "$F_OK" != 1 ]; then printf 'the output does not decode: %s' "$(tail_of probe-err.txt)"; return; fi
  if [ "$F_HASVIDEO" != 1 ]; then printf 'the output has no video stream'; return; fi
  if [ "$F_VCODEC" != "$vcodec" ]; then printf 'its video is %s, not %s' "$F_VCODEC" "$vcodec"; return; fi
  if [ "$F_H" -le 0 ] || [ "$F_H" -gt "$maxh" ]; then
    printf 'its video is %sx%s, taller than %s lines' "$F_W" "$F_H" "$maxh"; return
  fi
  if [ "$acodec" != - ] && [ "$F_HASAUDIO" != 1 ]; then printf 'it has no audio although the input has'; return; fi
  if [ "$acodec" = - ] && [ "$F_HASAUDIO" = 1 ]; then printf 'it has audio although the input has none'; return; fi
  if [ "$acodec" != - ] && [ "$F_ACODEC" != "$acodec" ]; then printf 'its audio is %s, not %s' "$F_ACODEC" "$acodec"; fi
}

bytes_of() {
  find "$1" -type f -printf '%s\n' 2>/dev/null | awk '{ s += $1 } END { printf "%d\n", s }'
}

# RFC 6381 codecs of an HLS segment (F_* facts), or empty.
codecs() {
  local v="" a="" pc=""
  if [ "$F_VCODEC" = h264 ] && [ "$F_VLEVEL" -gt 0 ]; then
    case "$(printf '%s' "$F_VPROF" | tr -d ' ' | tr 'A-Z' 'a-z')" in
      constrainedbaseline) pc=42e0 ;; baseline) pc=4200 ;; main) pc=4d00 ;; high) pc=6400 ;;
    esac
    [ -n "$pc" ] && v=$(printf 'avc1.%s%02x' "$pc" "$F_VLEVEL")
  fi
  if [ "$F_ACODEC" = aac ]; then
    case "$F_APROF" in LC) a=mp4a.40.2 ;; HE-AAC) a=mp4a.40.5 ;; esac
  elif [ "$F_ACODEC" = opus ]; then
    a=opus
  fi
  if [ -z "$v" ] || { [ -n "$F_ACODEC" ] && [ -z "$a" ]; }; then return; fi
  if [ -z "$a" ]; then printf '%s' "$v"; else printf '%s,%s' "$v" "$a"; fi
}

# Checks one HLS variant playlist; prints the problem, or nothing. Sets P_SECS to its segments' total.
variant_problem() {
  local playlist="$1" expected="$2" line
  P_SECS=""
  if [ ! -f "$playlist" ] || [ "$(head -n 1 "$playlist" | tr -d '\r ')" != "#EXTM3U" ]; then
    printf 'the playlist is not usable: it is missing or not an HLS playlist'; return
  fi
  grep -qx '#EXT-X-ENDLIST' "$playlist" || { printf 'the playlist has no #EXT-X-ENDLIST: it was not finished'; return; }
  local segs
  segs=$(grep -v '^#' "$playlist" | grep -v '^[[:space:]]*$')
  [ -z "$segs" ] && { printf 'the playlist names no segment'; return; }
  while IFS= read -r line; do
    case "$line" in */*|*..*|*:*) printf 'the playlist names %s: not a segment inside the folder' "$line"; return ;; esac
    if [ ! -s "$(dirname "$playlist")/$line" ]; then printf 'segment %s is missing or empty' "$line"; return; fi
  done <<< "$segs"
  P_SECS=$(awk -F: '/^#EXTINF:/ { split($2, d, ","); s += d[1] } END { printf "%.6f\n", s }' "$playlist")
  if [ -n "$expected" ] && [ -n "$(off_by "$expected" "$P_SECS")" ]; then
    awk -v a="$P_SECS" -v e="$expected" 'BEGIN { printf "its segments add up to %.2f s but the input is %.2f s: the input is probably truncated or damaged", a, e }'
  fi
}

# Writes an HLS folder's master.m3u8 from its variant playlists ($2: height:label pairs, tallest first), as the
# local backend does: measured peak and average bit rates, resolution, RFC 6381 codecs.
write_master() {
  local dir="$1" rungs="$2" pair height label playlist first codec
  printf '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n' > "$dir/master.m3u8"
  for pair in $rungs; do
    height="${pair%%:*}"; label="${pair#*:}"
    playlist="$dir/${label}p/index.m3u8"
    [ -f "$playlist" ] || continue
    first=$(grep -v '^#' "$playlist" | grep -v '^[[:space:]]*$' | head -n 1)
    codec=""
    if [ -n "$first" ]; then
      read_facts "$(facts "$(dirname "$playlist")/$first")"
      [ "$F_OK" = 1 ] && codec=$(codecs)
    fi
    # "seconds bytes" per segment, in playlist order
    awk '/^#EXTINF:/ { split(substr($0, 9), d, ","); pending = d[1] + 0; next }
      /^#/ || /^[[:space:]]*$/ { next }
      { printf "%s\t%s\n", pending, $0 }' "$playlist" | while IFS=$'\t' read -r secs seg; do
        printf '%s %s\n' "$secs" "$(stat -c %s -- "$(dirname "$playlist")/$seg" 2>/dev/null || echo 0)"
      done | awk -v h="$height" -v sw="$I_W" -v sh="$I_H" -v uri="${label}p/index.m3u8" -v codecs="$codec" '
      { total += $2; tsecs += $1; s = $1 < 0.1 ? 0.1 : $1; p = int($2 * 8 / s); if (p > peak) peak = p }
      END {
        ts = tsecs < 0.1 ? 0.1 : tsecs; avg = int(total * 8 / ts); if (avg > peak) peak = avg
        x = h * sw / sh / 2 + 0.5; w = 2 * int(x)
        printf "#EXT-X-STREAM-INF:BANDWIDTH=%d,AVERAGE-BANDWIDTH=%d,RESOLUTION=%dx%d", peak, avg, w, h
        if (codecs != "") printf ",CODECS=\"%s\"", codecs
        printf "\n%s\n", uri
      }' >> "$dir/master.m3u8"
  done
}

# One output's JSON, from F_* facts and the verdict.
output_json() { # index label ok problem bytes [reused]
  printf '{"output":%s,"label":%s,"ok":%s,"reused":%s,"problem":%s,"width":%s,"height":%s,"videoCodec":%s,"audioCodec":%s,"seconds":%s,"bytes":%s}' \
    "$1" "$(jnum "$2")" "$3" "${6:-false}" "$(json "$4")" "$(jnum "${O_W-}")" "$(jnum "${O_H-}")" "$(json "${O_VC-}")" \
    "$(json "${O_AC-}")" "$(jnum "${O_SECS-}")" "$(jnum "$5")"
}

# The slot token of an output ($1 format, $2 kind, $3 node path with the own height filled in): its rung label, else
# its kind. The client names existing outputs by the same tokens.
slot_of() {
  if [[ "$3" =~ /([0-9]+)p([.]|$) ]]; then printf '%s:%s' "$1" "${BASH_REMATCH[1]}"; else printf '%s:%s' "$1" "$2"; fi
}

EXISTING=" ${BT_EXISTING-} "
# Whether the blob of slot token $1 exists already (SKIP_EXISTING).
exists() {
  case "$EXISTING" in *" $1 "*) return 0 ;; esac
  return 1
}

# Whether every output of candidate $2 of format $1 exists already.
all_exist() {
  local n=0 okind ofmt ocand oidx otype node rest
  while IFS=$'\t' read -r okind ofmt ocand oidx otype node rest; do
    [ "$okind" = O ] && [ "$ofmt" = "$1" ] && [ "$ocand" = "$2" ] || continue
    exists "$(slot_of "$1" "$otype" "${node//@H@/$OWNH}")" || return 1
    n=$((n + 1))
  done < plan.txt
  [ "$n" -gt 0 ]
}

# ---- the source -------------------------------------------------------------------------------------------
while IFS=$'\t' read -r kind a b c; do
  case "$kind" in
    V) VERIFY="$a" ;;
    T) REL="$a"; ABS="$b" ;;
  esac
done < "$JOB_FILES/plan.txt"

read_facts "$(facts in/source)"
I_OK="$F_OK"; I_TYPES="$F_TYPES"; I_HASVIDEO="$F_HASVIDEO"; I_W="$F_W"; I_H="$F_H"; I_VSECS="$F_VSECS"
I_FPS="$F_FPS"; I_HASAUDIO="$F_HASAUDIO"; I_ASECS="$F_ASECS"; I_MEDIA="$F_MEDIA"
I_ERROR=""
[ "$I_OK" = 1 ] || I_ERROR=$(tail_of probe-err.txt)
INVALID=0
if [ "$I_OK" != 1 ] || { [ "$I_HASVIDEO" != 1 ] && [ "$I_HASAUDIO" != 1 ]; }; then INVALID=1; fi
GOP=$(awk -v f="${I_FPS:-0}" 'BEGIN { if (!(f > 0)) f = 25; r = int(f * 2 + 0.5); if (r < 1) r = 1; print r }')
OWNH=$(( ${I_H:-0} - ${I_H:-0} % 2 )); [ "$OWNH" -lt 2 ] && OWNH=2
SEEK=$(awk -v s="${I_VSECS:-0}" 'BEGIN { s = s + 0; q = s / 4; if (q > 5) q = 5; printf "%.3f\n", q }')

# the bit rate of a rung of this height (h264 or webm), as VideoPlan.kbps
kbps() {
  awk -v k="$1" -v h="$2" 'BEGIN {
    if (k == "webm") { v = h >= 720 ? 1800 : int(1800 * h / 720); if (v < 200) v = 200; print v; exit }
    if (h == 1080) v = 5000; else if (h == 720) v = 2800; else if (h == 480) v = 1400; else if (h == 360) v = 800
    else if (h > 1080) v = 5000; else { v = int(800 * h / 360); if (v < 200) v = 200 }
    print v }'
}

FORMATS=""
while IFS=$'\t' read -r kind fmt fkind kbpskind; do
  [ "$kind" = F ] || continue
  CHOSEN=""; CODE=""; ERROR=""; EXIT=""
  if [ "$fkind" = audio ] && exists "$fmt:audio"; then
    # its name does not depend on the source: kept whatever the source is, as the local backend keeps it
    CHOSEN=0; ARGSFILE=$(printf 'args-%02d-0.txt' "$fmt")
  elif [ "$INVALID" = 1 ]; then
    CODE=INVALID_INPUT
  elif [ "$fkind" = video ] && [ "$I_HASVIDEO" != 1 ]; then
    CODE=NO_VIDEO
  elif [ "$fkind" = audio ] && [ "$I_HASAUDIO" != 1 ]; then
    CODE=NO_AUDIO
  else
    while IFS=$'\t' read -r ckind cfmt cand minh maxh audio argsfile; do
      [ "$ckind" = C ] && [ "$cfmt" = "$fmt" ] || continue
      if [ "$fkind" = video ] && { [ "$I_H" -lt "$minh" ] || [ "$I_H" -gt "$maxh" ]; }; then continue; fi
      if [ "$audio" = 1 ] && [ "$I_HASAUDIO" != 1 ]; then continue; fi
      if [ "$audio" = 0 ] && [ "$I_HASAUDIO" = 1 ]; then continue; fi
      CHOSEN="$cand"; ARGSFILE="$argsfile"
      break
    done < "$JOB_FILES/plan.txt"
    [ -z "$CHOSEN" ] && { CODE=INTERNAL; ERROR="no candidate of format $fmt fits a ${I_H}-line source"; }
  fi
  OUTS=""
  if [ -n "$CHOSEN" ]; then
    OWNKBPS=$(kbps "$kbpskind" "$OWNH")
    mapfile -t ARGS < "$JOB_FILES/$ARGSFILE"
    for i in "${!ARGS[@]}"; do
      A="${ARGS[$i]}"
      A="${A//@GOP@/$GOP}"; A="${A//@SEEK@/$SEEK}"; A="${A//@H@/$OWNH}"
      A="${A//@KBPS@/$OWNKBPS}"; A="${A//@MAXRATE@/$(( OWNKBPS * 11 / 10 ))}"; A="${A//@BUFSIZE@/$(( OWNKBPS * 2 ))}"
      ARGS[$i]="$A"
      case "$A" in out/*) mkdir -p -- "$(dirname -- "$A")" ;; esac
    done
    if all_exist "$fmt" "$CHOSEN"; then
      echo "BT_FORMAT_REUSED=$fmt candidate $CHOSEN"
      RC=0
    else
      printf '%s\n' "${ARGS[@]}" > "ran-$fmt.txt"
      echo "BT_FORMAT_START=$fmt candidate $CHOSEN"
      ffmpeg "${ARGS[@]}" </dev/null 2>"ffmpeg-$fmt.txt"
      RC=$?
      cat "ffmpeg-$fmt.txt" >&2
    fi
    if [ "$RC" -ne 0 ]; then
      CODE=FFMPEG_EXIT; EXIT="$RC"; ERROR="ffmpeg exited with code $RC"
      T=$(tail_of "ffmpeg-$fmt.txt"); [ -n "$T" ] && ERROR="$ERROR: $T"
      rm -rf -- "$(printf 'out/%02d' "$fmt")" # what it wrote is never uploaded
    else
      while IFS=$'\t' read -r okind ofmt ocand oidx otype node vcodec maxh acodec timed rungs; do
        [ "$okind" = O ] && [ "$ofmt" = "$fmt" ] && [ "$ocand" = "$CHOSEN" ] || continue
        node="${node//@H@/$OWNH}"; maxh="${maxh//@H@/$OWNH}"; rungs="${rungs//@H@/$OWNH}"
        LABEL=""; PROBLEM=""; O_W=""; O_H=""; O_VC=""; O_AC=""; O_SECS=""; BYTES=""
        [[ "$node" =~ /([0-9]+)p([.]|$) ]] && LABEL="${BASH_REMATCH[1]}"
        if exists "$(slot_of "$fmt" "$otype" "$node")"; then
          rm -rf -- "$node" # its blob is kept as it is: what this run made of it is not uploaded
          OUTS="$OUTS${OUTS:+,}$(output_json "$oidx" "$LABEL" true "" "" true)"
          continue
        fi
        if [ "$otype" = hls ]; then
          write_master "$node" "$rungs"
          EXPECT=""; [ "$timed" = 1 ] && EXPECT="$I_MEDIA"
          TOP=1
          for pair in $rungs; do
            h="${pair%%:*}"; l="${pair#*:}"
            P=$(variant_problem "$node/${l}p/index.m3u8" "$EXPECT")
            if [ -n "$P" ]; then PROBLEM="variant ${l}p/index.m3u8: $P"; break; fi
            first=$(grep -v '^#' "$node/${l}p/index.m3u8" | grep -v '^[[:space:]]*$' | head -n 1)
            read_facts "$(facts "$node/${l}p/$first")"
            lim="$h"; [ "$maxh" -lt "$lim" ] && lim="$maxh"
            P=$(stream_problem "$vcodec" "$lim" "$acodec")
            if [ -n "$P" ]; then PROBLEM="variant ${l}p/index.m3u8: $P"; break; fi
            if [ "$TOP" = 1 ]; then O_W="$F_W"; O_H="$F_H"; O_VC="$F_VCODEC"; O_AC="$F_ACODEC"; TOP=0; fi
          done
          if [ -z "$PROBLEM" ]; then
            read_facts "$(facts "$node/master.m3u8")"
            if [ "$F_OK" != 1 ] || [ "$F_HASVIDEO" != 1 ]; then
              E=$(tail_of probe-err.txt); PROBLEM="ffprobe cannot read the master playlist: ${E:-no video stream}"
            fi
            O_SECS="$F_MEDIA"
          fi
          BYTES=$(bytes_of "$node")
        else
          if [ ! -e "$node" ]; then
            PROBLEM="ffmpeg reported success but wrote no output"
          elif [ ! -s "$node" ]; then
            PROBLEM="the output is empty (0 bytes)"
          else
            read_facts "$(facts "$node")"
            BYTES=$(stat -c %s "$node")
            if [ "$otype" = audio ]; then
              O_AC="$F_ACODEC"; O_SECS="$F_ASECS"
              if [ "$F_OK" != 1 ] || [ "$F_HASAUDIO" != 1 ]; then
                E=$(tail_of probe-err.txt); PROBLEM="the output is not readable audio: ${E:-no audio stream}"
              elif [ "$timed" = 1 ]; then
                PROBLEM=$(duration_problem "$I_ASECS" "$F_ASECS" "the input's audio")
              fi
            else
              O_W="$F_W"; O_H="$F_H"; O_VC="$F_VCODEC"; O_AC="$F_ACODEC"; O_SECS="$F_MEDIA"
              [ "$F_OK" = 1 ] || { O_W=""; O_H=""; }
              PROBLEM=$(stream_problem "$vcodec" "$maxh" "$acodec")
              if [ -z "$PROBLEM" ] && [ "$timed" = 1 ]; then
                PROBLEM=$(duration_problem "$I_MEDIA" "$F_MEDIA" "the input")
              fi
            fi
          fi
        fi
        [ "$VERIFY" = 1 ] || PROBLEM=""
        OK=true
        if [ -n "$PROBLEM" ]; then
          OK=false
          echo "output $node of format $fmt failed verification: $PROBLEM" >&2
          rm -rf -- "$node"
        fi
        OUTS="$OUTS${OUTS:+,}$(output_json "$oidx" "$LABEL" "$OK" "$PROBLEM" "$BYTES")"
      done < "$JOB_FILES/plan.txt"
    fi
  fi
  FORMATS="$FORMATS${FORMATS:+,}{\"format\":$fmt,\"candidate\":$(jnum "$CHOSEN"),\"code\":$(json "$CODE"),\"exit\":$(jnum "$EXIT"),\"error\":$(json "$ERROR"),\"outputs\":[$OUTS]}"
done < "$JOB_FILES/plan.txt"

printf '{"version":1,"input":{"readable":%s,"types":%s,"width":%s,"height":%s,"seconds":%s,"audioSeconds":%s,"error":%s},"formats":[%s]}\n' \
  "$([ "$I_OK" = 1 ] && echo true || echo false)" "$(json "$I_TYPES")" "$(jnum "$I_W")" "$(jnum "$I_H")" \
  "$(jnum "$I_MEDIA")" "$(jnum "$I_ASECS")" "$(json "$I_ERROR")" "$FORMATS" > result.json
echo "BT_RESULT=result.json"
exit 0
