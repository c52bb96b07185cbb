package host

import (
	"slices"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"
)

func TestEvict(t *testing.T) {
	t0 := time.Unix(1_700_000_000, 0)
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	tests := []struct {
		name  string
		conns []inboundConn
		limit int
		want  []int
	}{
		{"under the limit", []inboundConn{{opened: at(0)}, {opened: at(1)}}, 2, nil},
		{"idle: oldest first", []inboundConn{{opened: at(5)}, {opened: at(1)}, {opened: at(3)}}, 1, []int{1, 2}},
		{"refused before idle, even newer",
			[]inboundConn{{opened: at(0)}, {value: -10, opened: at(9)}, {opened: at(1)}}, 2, []int{1}},
		{"idle before useful, even newer",
			[]inboundConn{{value: 5, opened: at(0)}, {opened: at(9)}}, 1, []int{1}},
		{"useful: lowest value first",
			[]inboundConn{{value: 20, opened: at(0)}, {value: 5, opened: at(9)}, {value: 10, opened: at(1)}}, 1, []int{1, 2}},
		{"most negative first", []inboundConn{{value: -10, opened: at(0)}, {value: -20, opened: at(5)}}, 1, []int{1}},
		{"protected never", []inboundConn{{protected: true, opened: at(0)}, {opened: at(1)}, {protected: true, value: -10, opened: at(2)}},
			1, []int{1}},
		{"all protected: nothing to do", []inboundConn{{protected: true}, {protected: true}}, 0, nil},
		{"the newcomer stays while the flood evicts itself",
			[]inboundConn{{value: -10, opened: at(1)}, {value: -10, opened: at(2)}, {opened: at(3)}}, 2, []int{0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := evict(tt.conns, tt.limit)
			if !slices.Equal(got, tt.want) {
				t.Fatalf("evict = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestConfigRefusesLimitsAboveTheInboundCap(t *testing.T) {
	for _, cfg := range []Config{
		{ConnHigh: DefaultConnsInbound},
		{MaxInbound: DefaultConnsInbound},
		{Limits: Limits{ConnsInbound: 64}},                                            // below the default high water
		{Limits: Limits{ConnsInbound: 256, Conns: 200}},                               // total below inbound
		{ConnLow: 10, ConnHigh: 20, MaxInbound: 30, Limits: Limits{ConnsInbound: 30}}, // admission at the cap
	} {
		k, _, err := crypto.GenerateEd25519Key(nil)
		if err != nil {
			t.Fatal(err)
		}
		cfg.Identity = k
		if err := cfg.withDefaults().validate(); err == nil {
			t.Errorf("%+v accepted", cfg)
		}
	}
}
