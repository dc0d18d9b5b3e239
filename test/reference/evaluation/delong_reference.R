#!/usr/bin/env Rscript
# Reference numbers for src/metrics/delong-test.ts, computed with pROC's
# roc.test(method = "delong", paired = TRUE) — the implementation DeLong's test
# is usually checked against (Robin et al. 2011, BMC Bioinformatics 12:77).
#
# Writes test/reference/evaluation/delong-reference.fixture.json: for each case,
# the labels, the two paired score vectors, and pROC's AUCs, Z statistic,
# two-sided p-value and 95% confidence interval of AUC(a) - AUC(b).
#
# Regenerate (Debian: apt-get install r-cran-proc r-cran-jsonlite):
#
#     Rscript test/reference/evaluation/delong_reference.R
#     npx prettier --write test/reference/evaluation/delong-reference.fixture.json
suppressPackageStartupMessages({
  library(pROC)
  library(jsonlite)
})

set.seed(20261130)
make_case <- function(name, labels, a, b) {
  ra <- roc(labels, a, levels = c(0, 1), direction = "<", quiet = TRUE)
  rb <- roc(labels, b, levels = c(0, 1), direction = "<", quiet = TRUE)
  t <- roc.test(ra, rb, method = "delong", paired = TRUE, conf.level = 0.95)
  list(
    name = name,
    labels = labels,
    a = a,
    b = b,
    aucA = as.numeric(auc(ra)),
    aucB = as.numeric(auc(rb)),
    z = unname(t$statistic),
    pValue = t$p.value,
    ciLow = t$conf.int[1],
    ciHigh = t$conf.int[2]
  )
}

cases <- list()
n <- 400
y <- rbinom(n, 1, 0.35)
signal <- y + rnorm(n)
cases[[1]] <- make_case("correlated", y, signal + rnorm(n, sd = 0.5), signal + rnorm(n, sd = 1.2))
cases[[2]] <- make_case("ties", y, round(signal + rnorm(n, sd = 0.5)), round(2 * (signal + rnorm(n, sd = 0.8))) / 2)
y2 <- rbinom(60, 1, 0.5)
cases[[3]] <- make_case("small", y2, y2 * 0.8 + runif(60), y2 * 0.3 + runif(60))
y3 <- rbinom(1500, 1, 0.3)
s3 <- 1.4 * y3 + rnorm(1500)
cases[[4]] <- make_case("close", y3, plogis(s3 + rnorm(1500, sd = 0.3)), plogis(s3 + rnorm(1500, sd = 0.32)))
cases[[5]] <- make_case("b-better", y3, plogis(s3 + rnorm(1500, sd = 1.5)), plogis(s3 + rnorm(1500, sd = 0.2)))

out <- list(pROC = as.character(packageVersion("pROC")), R = paste(R.version$major, R.version$minor, sep = "."), cases = cases)
file <- file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "delong-reference.fixture.json")
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA), file)
cat("wrote", file, "\n")
