-- Counts one action if the window has room. Returns 1 if allowed, 0 if limited (a
-- limited action is not counted).
-- KEYS[1] this key's counter for this window
-- ARGV: max, ms until the window ends
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n >= tonumber(ARGV[1]) then return 0 end
redis.call('INCR', KEYS[1])
if n == 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1
