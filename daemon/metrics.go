package daemon

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// The node's Prometheus metrics, read from its parts when scraped: the
// collector keeps no state of its own, so nothing is counted twice.
var (
	mBytes = prometheus.NewDesc("essaim_work_bytes_total",
		"Bytes of transfer frames (manifests and chunks) of a work, sent (up) or received (down).",
		[]string{"work", "direction"}, nil)
	mPeers = prometheus.NewDesc("essaim_peers", "Peers connected.", nil, nil)
	mWorks = prometheus.NewDesc("essaim_works_served", "Works the node serves.", nil, nil)
	mRefus = prometheus.NewDesc("essaim_refusals_total",
		"Refusals sent to requesters, at the gate or on a running stream, by reason.", []string{"reason"}, nil)
	mChecks = prometheus.NewDesc("essaim_rights_checks_total",
		"Rights checks, answered from the cache (hit) or not (miss).", []string{"result"}, nil)
	mQueries = prometheus.NewDesc("essaim_rights_queries_total",
		"Queries of the registry by the rights checker, and how many failed.", []string{"outcome"}, nil)
	mQueryTime = prometheus.NewDesc("essaim_rights_query_seconds_total",
		"Time spent in rights queries, in all (divide by the queries for the mean latency).", nil, nil)
	mQueryMax = prometheus.NewDesc("essaim_rights_query_seconds_max", "The longest rights query.", nil, nil)
	mLag      = prometheus.NewDesc("essaim_follower_lag_blocks",
		"Blocks between the chain's head and the catalogue's last committed block.", nil, nil)
	mBlock = prometheus.NewDesc("essaim_catalog_block",
		"The last block the catalogue has committed.", nil, nil)
	mDownloads = prometheus.NewDesc("essaim_downloads", "Downloads on the node's list, by state.", []string{"state"}, nil)
	mUptime    = prometheus.NewDesc("essaim_uptime_seconds", "Seconds since the node started.", nil, nil)
)

// collector is a prometheus.Collector over a Daemon.
type collector struct{ d *Daemon }

func (c collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{mBytes, mPeers, mWorks, mRefus, mChecks, mQueries, mQueryTime, mQueryMax,
		mLag, mBlock, mDownloads, mUptime} {
		ch <- d
	}
}

func (c collector) Collect(ch chan<- prometheus.Metric) {
	d := c.d
	t := d.node.Traffic()
	for r, w := range t.PerWork {
		ch <- prometheus.MustNewConstMetric(mBytes, prometheus.CounterValue, float64(w.Up), r.String(), "up")
		ch <- prometheus.MustNewConstMetric(mBytes, prometheus.CounterValue, float64(w.Down), r.String(), "down")
	}
	for reason, n := range t.Refused {
		ch <- prometheus.MustNewConstMetric(mRefus, prometheus.CounterValue, float64(n), reason)
	}
	ch <- prometheus.MustNewConstMetric(mPeers, prometheus.GaugeValue, float64(d.node.Peers()))
	ch <- prometheus.MustNewConstMetric(mWorks, prometheus.GaugeValue, float64(d.node.NumWorks()))
	s := d.checker.Stats()
	ch <- prometheus.MustNewConstMetric(mChecks, prometheus.CounterValue, float64(s.Hits), "hit")
	ch <- prometheus.MustNewConstMetric(mChecks, prometheus.CounterValue, float64(s.Misses), "miss")
	ch <- prometheus.MustNewConstMetric(mQueries, prometheus.CounterValue, float64(s.Queries-s.Failures), "ok")
	ch <- prometheus.MustNewConstMetric(mQueries, prometheus.CounterValue, float64(s.Failures), "failed")
	ch <- prometheus.MustNewConstMetric(mQueryTime, prometheus.CounterValue, s.QueryTime.Seconds())
	ch <- prometheus.MustNewConstMetric(mQueryMax, prometheus.GaugeValue, s.QueryTimeMax.Seconds())
	head, synced := d.follower.Lag()
	ch <- prometheus.MustNewConstMetric(mLag, prometheus.GaugeValue, float64(head-min(head, synced)))
	ch <- prometheus.MustNewConstMetric(mBlock, prometheus.GaugeValue, float64(synced))
	counts := map[State]int{Queued: 0, Active: 0, Paused: 0, Done: 0, Failed: 0}
	for _, dl := range d.dl.List() {
		counts[dl.State]++
	}
	for st, n := range counts {
		ch <- prometheus.MustNewConstMetric(mDownloads, prometheus.GaugeValue, float64(n), string(st))
	}
	ch <- prometheus.MustNewConstMetric(mUptime, prometheus.GaugeValue, time.Since(d.started).Seconds())
}

// metricsHandler serves the metrics in Prometheus' text format.
func (d *Daemon) metricsHandler() http.Handler {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collector{d})
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
}
