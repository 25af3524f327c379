#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| chat_fuzz_checks::txt_line(data));
