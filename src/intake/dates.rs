//! TODO(intake helper)
