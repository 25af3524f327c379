-- Removes connections whose expiry has passed (their node stopped sending heartbeats).
-- Returns {user, last seen, ...} for each user whose last connection this removed:
-- atomic, so across nodes each departure is returned exactly once.
-- KEYS[1] every connection's expiry
-- ARGV: key prefix, now, most entries to take, heartbeat ttl (all times in microseconds)
local out = {}
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2], 'WITHSCORES', 'LIMIT', 0, ARGV[3])
for i = 1, #due, 2 do
  local member, expiry = due[i], tonumber(due[i + 1])
  redis.call('ZREM', KEYS[1], member)
  local sep = string.find(member, '|', 1, true)
  if sep then
    local user, conn = string.sub(member, 1, sep - 1), string.sub(member, sep + 1)
    local conns = ARGV[1] .. 'p:' .. user .. ':conns'
    local score = redis.call('ZSCORE', conns, conn)
    if score and tonumber(score) <= tonumber(ARGV[2]) then
      redis.call('ZREM', conns, conn)
      if redis.call('ZCARD', conns) == 0 then
        -- Last seen: its last heartbeat.
        local seen = string.format('%.0f', expiry - tonumber(ARGV[4]))
        redis.call('SET', ARGV[1] .. 'p:' .. user .. ':seen', seen)
        table.insert(out, user)
        table.insert(out, seen)
      end
    end
  end
end
return out
