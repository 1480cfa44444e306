#![no_main]
// The body is newsframe::fuzz::run, which cargo test also replays on tests/fuzz/article/.
libfuzzer_sys::fuzz_target!(|data: &[u8]| newsframe::fuzz::run("article", data));
