//! The customer-success checklist of SPEC 6: which step is due next.
