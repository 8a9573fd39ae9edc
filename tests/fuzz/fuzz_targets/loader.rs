#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sferum_gen_fuzz::loader(data));
