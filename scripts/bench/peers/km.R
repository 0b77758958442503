# Peer benchmark (npm run bench -- --peers): R survival::survfit on the same 1,000,000-row
# overall-survival data set the project's Kaplan–Meier is timed on.
#
# Usage: Rscript km.R <time.f64> <event.u8> <at-months, comma-separated>
#   time.f64: little-endian doubles (months); event.u8: one byte per row, 1 = death, 0 = censored.
# Prints one JSON line: {"ms": …, "survival": [...]} with ms the median CPU time of 5 timed fits (after
# one warm-up) and survival S(t) at the given months (summary(fit, times = …)).
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 3) stop("usage: Rscript km.R <time.f64> <event.u8> <months>")
n <- file.size(args[1]) / 8
time <- readBin(args[1], what = "double", n = n, size = 8, endian = "little")
event <- readBin(args[2], what = "integer", n = n, size = 1, signed = FALSE, endian = "little")
at <- as.numeric(strsplit(args[3], ",")[[1]])

# CPU time (user + system) of this process, as the Node side measures: on a shared machine wall
# time would measure the neighbours too.
cpu <- function() { p <- proc.time(); p[["user.self"]] + p[["sys.self"]] }
fit <- survfit(Surv(time, event) ~ 1) # warm-up
runs <- 5
times <- numeric(runs)
for (r in 1:runs) {
  gc()
  t0 <- cpu()
  fit <- survfit(Surv(time, event) ~ 1)
  times[r] <- (cpu() - t0) * 1000
}
s <- summary(fit, times = at)$surv
cat(sprintf('{"ms": %.1f, "n": %d, "survival": [%s]}\n', median(times), length(time),
            paste(sprintf("%.8f", s), collapse = ", ")))
