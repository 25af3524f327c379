//! The Lua scripts, embedded; each runs atomically on Redis, which is what makes
//! presence transitions and rate limits exact across nodes.

use std::sync::LazyLock;

use fred::types::scripts::Script;

macro_rules! script {
    ($name:ident, $file:literal) => {
        pub(crate) static $name: LazyLock<Script> =
            LazyLock::new(|| Script::from_lua(include_str!(concat!("../lua/", $file))));
    };
}

script!(PRESENCE_TOUCH, "presence_touch.lua");
script!(PRESENCE_DISCONNECT, "presence_disconnect.lua");
script!(PRESENCE_EXPIRE, "presence_expire.lua");
script!(PRESENCE_GET, "presence_get.lua");
script!(RATE_LIMIT, "rate_limit.lua");
script!(PUBLISH, "publish.lua");
