#!/bin/bash
# Runs each chat-bench mode three times, each against a fresh server on an empty TXT data
# directory (fsync always), and prints one JSON line per run. From the workspace root:
#   cargo build --release -p chat-server -p chat-bench && bench/run-all.sh
set -u
DATA=$(mktemp -d)
run() {
  rm -rf "$DATA"/*
  CHAT_ADDR=127.0.0.1:18080 CHAT_DATA_DIR="$DATA" CHAT_RATE_LIMIT_MAX=100000000 \
  CHAT_AUTH_RATE_LIMIT_MAX=100000000 CHAT_MAX_CONNECTIONS_PER_USER=1000 CHAT_LOG=warn \
  CHAT_TXT_FSYNC="${FSYNC:-always}" \
    ./target/release/chat-server > "$DATA.log" 2>&1 &
  local pid=$!
  sleep 1
  timeout 600 ./target/release/chat-bench --addr 127.0.0.1:18080 --server-pid "$pid" "$@"
  kill "$pid"
  wait "$pid" 2>/dev/null
}
for _ in ${RUNS:-1 2 3}; do
  run direct --pairs 64 --secs 10
  run burst --members 200 --messages 2000
  run fanout --members 500 --senders 5 --rate 50 --secs 10
  run idle --conns 10000 --per-user 500
  # The million messages are written without fsync to save minutes: reads never sync.
  FSYNC=never run history --messages 1000000 --pages 2000
done
rm -rf "$DATA" "$DATA.log"
