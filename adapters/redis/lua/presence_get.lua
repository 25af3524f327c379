-- Presence of each user: {connections, last seen or "", ...}. A connection counts
-- until it disconnects or is aged out by presence_expire.lua.
-- ARGV: key prefix, user, user, ...
local out = {}
for i = 2, #ARGV do
  table.insert(out, redis.call('ZCARD', ARGV[1] .. 'p:' .. ARGV[i] .. ':conns'))
  table.insert(out, redis.call('GET', ARGV[1] .. 'p:' .. ARGV[i] .. ':seen') or '')
end
return out
