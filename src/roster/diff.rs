//! `roster diff`: placeholder replaced below.
