/** Server-side scripts and TTL rounding shared by the two Redis-protocol backends (TCP and REST). */

/** Deletes KEYS[1] only while it holds ARGV[1] (lock release by its owner); atomic on the server. */
export const DEL_IF_EQUALS_LUA = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
/** Sets KEYS[1]'s TTL to ARGV[2] ms only while it holds ARGV[1] (lock renewal by its owner). */
export const EXPIRE_IF_EQUALS_LUA = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
/**
 * INCR that sets the TTL (ms, ARGV[1]) when the counter is created, atomically. A counter that is
 * not an integer, or not a string at all (damaged), starts over instead of failing every hit.
 */
export const INCR_WITH_TTL_LUA = `local n = redis.pcall('INCR', KEYS[1])
if type(n) == 'table' and n.err then redis.call('DEL', KEYS[1]) n = redis.call('INCR', KEYS[1]) end
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

/** Redis expiries are whole milliseconds, at least one. */
export const ttlMs = (ttlSeconds: number) => Math.max(1, Math.ceil(ttlSeconds * 1000));
