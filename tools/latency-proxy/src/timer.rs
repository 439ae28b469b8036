//! Sleeping threads wake when the kernel's timer slack allows: 50 µs late by
//! default on Linux, which a 0.1 ms one-way delay cannot afford.

#[cfg(target_os = "linux")]
pub fn tighten_timer_slack() {
    const PR_SET_TIMERSLACK: i32 = 29;
    extern "C" {
        fn prctl(option: i32, ...) -> i32;
    }
    // One nanosecond; threads started afterwards inherit it. Failure leaves the default, which is only less precise.
    unsafe {
        prctl(PR_SET_TIMERSLACK, 1u64);
    }
}

#[cfg(not(target_os = "linux"))]
pub fn tighten_timer_slack() {}
