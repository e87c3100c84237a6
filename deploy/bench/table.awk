# The benchmark's tables from the rows of every run (tab-separated, written by run.sh):
#   row  run phase stage records seconds floor     job  run phase job rows seconds floor
#   rss  run phase process MB                      note run phase text
# Each number is the median over the runs; records/s and ratio are computed from the medians.
function median(list,    n, v, i, j, t) {
    n = split(list, v, " ")
    if (n == 0) return ""
    for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
}
function add(store, key, value) { if (value != "") store[key] = store[key] " " value }
function num(x, digits) { return x == "" ? "-" : sprintf("%." digits "f", x) }
function ratio(s, f, stage) {
    if (s == "" || f == "") return "-"
    if (f + 0 <= 0) return "-"
    if (stage ~ /^extract/ && f + 0 < 1) return sprintf("%.0f*", s / f)
    return sprintf("%.1f", s / f)
}
$1 == "row" { k = $3 SUBSEP $4; if (!(k in seen)) { seen[k] = 1; order[++rows] = k }
              add(rec, k, $5); add(sec, k, $6); add(flo, k, $7) }
$1 == "job" { k = $3 SUBSEP $4; if (!(k in jseen)) { jseen[k] = 1; jorder[++jobs] = k }
              add(jrows, k, $5); add(jsec, k, $6); add(jflo, k, $7) }
$1 == "rss" { if (!($4 in pseen)) { pseen[$4] = 1; porder[++procs] = $4 }
              if (!($3 in phseen)) { phseen[$3] = 1; phorder[++phases] = $3 }
              add(rss, $4 SUBSEP $3, $5) }
$1 == "note" { notes[++nnotes] = sprintf("  run %s, %s: %s", $2, $3, $4) }
END {
    fmt = "%-12s %-54s %10s %9s %10s %9s %8s\n"
    printf "\n" fmt, "phase", "stage", "records", "seconds", "records/s", "floor s", "ratio"
    for (i = 1; i <= rows; i++) {
        split(order[i], key, SUBSEP)
        r = median(rec[order[i]]); s = median(sec[order[i]]); f = median(flo[order[i]])
        rate = (r != "" && s + 0 > 0) ? sprintf("%.0f", r / s) : "-"
        printf fmt, key[1], key[2], r == "" ? "-" : sprintf("%.0f", r), num(s, 1), rate, num(f, 1), ratio(s, f, key[2])
    }
    print "\nFloors: extract = the simulator's bucket floor, max over shops of (requested query cost / restore rate);"
    print "load = psql \\copy of the run's archived JSONL into staging (one jsonb column, one insert, analyze);"
    print "merge = the same sql/merge/*.sql and checks/data_quality.sql from psql, one transaction each, same settings."
    print "* floor under 1 s: bulk operations cost a few points each, so the bucket floor is near 0 and the ratio"
    print "  says nothing about the extractor (it waits for the bulk job and streams its file)."
    print "The bucket is full (maximumAvailable) when a run starts: where the requested cost is below it, the extractor"
    print "never has to wait for the bucket and can beat requested / restore rate (ratio < 1); see the notes."
    for (i = 1; i <= nnotes; i++) print notes[i]

    jfmt = "%-12s %-24s %10s %12s %9s %8s\n"
    printf "\nMerge jobs\n" jfmt, "phase", "job", "rows", "pipeline s", "psql s", "ratio"
    for (i = 1; i <= jobs; i++) {
        split(jorder[i], key, SUBSEP)
        r = median(jrows[jorder[i]]); s = median(jsec[jorder[i]]); f = median(jflo[jorder[i]])
        printf jfmt, key[1], key[2], r == "" ? "-" : sprintf("%.0f", r), num(s, 2), num(f, 2),
            (f + 0 > 0) ? sprintf("%.1f", s / f) : "-"
    }

    printf "\nPeak RSS per process in each phase (VmHWM, reset at the phase's start), MB\n%-26s", "process"
    for (p = 1; p <= phases; p++) printf " %12s", phorder[p]
    printf "\n"
    for (i = 1; i <= procs; i++) {
        printf "%-26s", porder[i]
        for (p = 1; p <= phases; p++) printf " %12s", num(median(rss[porder[i] SUBSEP phorder[p]]), 0)
        printf "\n"
    }
}
