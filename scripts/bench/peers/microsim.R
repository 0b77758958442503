# Peer benchmark (npm run bench -- --peers): a vectorised discrete-time microsimulation of the
# four-state model (Active, Remission, Relapse, Dead) in base R, written in the style of the
# DARTH workgroup's teaching material (Krijkamp et al. 2018, "Microsimulation modeling for health
# decision sciences using R: a tutorial", Med Decis Making 38:400): monthly cycles, a patients ×
# cycles matrix of state codes, and at each cycle every patient's next state drawn at once from
# the rows of the one-cycle transition probability matrix (cumulative probabilities compared with
# one uniform per patient). Written for this project; no code is copied from DARTH.
#
# Usage: Rscript microsim.R <P.csv> <patients> <cycles> <seed>
#   P.csv: the 4 × 4 one-month transition probability matrix (rows sum to 1), no header, computed
#   by the project from the same intensities (exp(Q/12), dead states merged).
# Prints one JSON line: {"ms": …, "alive": …, "shares": [...]} where ms is the median CPU time of the
# timed runs (after one warm-up run), alive the share not dead after the last cycle, and shares
# the state shares after the last cycle.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 4) stop("usage: Rscript microsim.R <P.csv> <patients> <cycles> <seed>")
P <- as.matrix(read.csv(args[1], header = FALSE))
n_i <- as.integer(args[2])
n_t <- as.integer(args[3])
set.seed(as.integer(args[4]))
n_s <- nrow(P)
stopifnot(ncol(P) == n_s, all(abs(rowSums(P) - 1) < 1e-9))

# Cumulative probabilities per row: next state = 1 + number of cumulative bounds the uniform
# passes. Computed once (the DARTH tutorial recomputes it per cycle from per-patient rows;
# caching it only helps R).
P_cum <- t(apply(P, 1, cumsum))
P_cum[, n_s] <- 1

simulate <- function() {
  m_M <- matrix(0L, nrow = n_i, ncol = n_t + 1)
  m_M[, 1] <- 1L # everyone starts Active
  for (t in 1:n_t) {
    s <- m_M[, t]
    u <- runif(n_i)
    cum <- P_cum[s, , drop = FALSE] # n_i × n_s: each patient's row
    m_M[, t + 1] <- 1L + as.integer(rowSums(u > cum))
  }
  m_M
}

# CPU time (user + system) of this process, as the Node side measures: on a shared machine wall
# time would measure the neighbours too.
cpu <- function() { p <- proc.time(); p[["user.self"]] + p[["sys.self"]] }
simulate() # warm-up
runs <- 3
times <- numeric(runs)
for (r in 1:runs) {
  gc()
  t0 <- cpu()
  m_M <- simulate()
  times[r] <- (cpu() - t0) * 1000
}
last <- tabulate(m_M[, n_t + 1], nbins = n_s) / n_i
cat(sprintf('{"ms": %.1f, "alive": %.6f, "shares": [%s]}\n', median(times), 1 - last[n_s],
            paste(sprintf("%.6f", last), collapse = ", ")))
