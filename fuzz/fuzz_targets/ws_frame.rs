#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| chat_fuzz_checks::ws_frame(data));
