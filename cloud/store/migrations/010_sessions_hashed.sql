-- Session tokens are kept as SHA-256 (hex) only, so that a leaked copy of the table logs nobody
-- in: lookups hash the token the client presents. Existing rows are converted in place, so the
-- sessions live before the upgrade keep working. The tokens are 192 random bits, so a plain,
-- unsalted hash is enough (nothing to guess from a dictionary).
update sessions set token = encode(sha256(convert_to(token, 'UTF8')), 'hex');
comment on column sessions.token is 'SHA-256 hex of the session token; never the token itself';
