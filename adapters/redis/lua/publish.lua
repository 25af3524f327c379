-- Sends one serialised event to every other live node that has a subscriber in its
-- audience, once per node, and forgets nodes that stopped refreshing their liveness key.
-- Returns how many nodes it was sent to.
-- ARGV: key prefix, this node, payload, audience user, audience user, ...
local prefix, me, payload = ARGV[1], ARGV[2], ARGV[3]
local state, sent = {}, 0
for i = 4, #ARGV do
  local key = prefix .. 'u:' .. ARGV[i] .. ':nodes'
  for _, node in ipairs(redis.call('SMEMBERS', key)) do
    if state[node] == nil then
      if node == me then
        state[node] = 'me'
      elseif redis.call('EXISTS', prefix .. 'node:' .. node) == 1 then
        redis.call('PUBLISH', prefix .. 'node:' .. node .. ':events', payload)
        state[node] = 'sent'
        sent = sent + 1
      else
        state[node] = 'dead'
      end
    end
    if state[node] == 'dead' then redis.call('SREM', key, node) end
  end
end
return sent
