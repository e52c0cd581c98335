//! Statistics (statrs): mean, median, t interval, NPS and its margin.
