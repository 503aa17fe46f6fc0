#!/bin/bash
# tw.sh PATTERN KEYS... : send keys, time until PATTERN appears on the tmux pane (t24 socket)
pat="$1"; shift
s=$(date +%s%N)
tmux -L t24 send-keys -t t "$@"
for i in $(seq 1 400); do
  if tmux -L t24 capture-pane -p -t t | grep -qF -- "$pat"; then e=$(date +%s%N); echo "$(( (e-s)/1000000 )) ms until '$pat'"; exit 0; fi
  sleep 0.02
done
echo "TIMEOUT waiting for '$pat'"
