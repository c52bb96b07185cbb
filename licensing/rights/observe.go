package rights

import (
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"essaim/chain/registry"
)

// The ids (topic 0) of the registry events that change who may have a
// work. Every field Observe needs is an indexed topic, so it decodes
// topics only: a log whose data is malformed still invalidates.
var (
	idPurchased   = eventID(registry.EssaimRegistryLicensePurchasedEventName)
	idGranted     = eventID(registry.EssaimRegistryLicenseGrantedEventName)
	idTransferred = eventID(registry.EssaimRegistryLicenseTransferredEventName)
	idResold      = eventID(registry.EssaimRegistryLicenseResoldEventName)
	idOpenSet     = eventID(registry.EssaimRegistryOpenSetEventName)
	idRegistered  = eventID("WorkRegistered")
)

func eventID(name string) common.Hash {
	ev, ok := registry.NewEssaimRegistry().GetABI().Events[name]
	if !ok {
		panic("rights: the registry ABI has no event " + name) // generated code: cannot fail at run time
	}
	return ev.ID
}

// Observe drops what a registry log changes: the buyer's or grantee's
// answer for LicensePurchased and LicenseGranted, both parties' for
// LicenseTransferred and LicenseResold, the whole work's for OpenSet and
// WorkRegistered (which ends a cached "not registered"). A removed log (a
// reorganised block) invalidates the same way. Logs of other events, or too short to
// be the registry's, are ignored. The log's block timestamp, when set,
// advances the chain clock the cache knows, so an entry is not used past
// its license's expiry even when the chain's clock jumps.
//
// Observe never blocks on the network; the catalogue follower calls it
// for every log it applies.
func (c *Checker) Observe(l types.Log) {
	if len(l.Topics) < 2 {
		return
	}
	root := [32]byte(l.Topics[1])
	var forget []common.Address
	switch id := l.Topics[0]; {
	case (id == idPurchased || id == idGranted) && len(l.Topics) >= 3:
		forget = []common.Address{topicAddress(l.Topics[2])}
	case (id == idTransferred || id == idResold) && len(l.Topics) >= 4:
		forget = []common.Address{topicAddress(l.Topics[2]), topicAddress(l.Topics[3])}
	case id == idOpenSet || id == idRegistered:
	default:
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cache.seenChainTime(l.BlockTimestamp)
	if forget == nil {
		c.cache.forgetWork(root)
		c.detach(func(k key) bool { return k.root == root })
		return
	}
	for _, a := range forget {
		k := key{root, a}
		c.cache.forget(k)
		c.detach(func(fk key) bool { return fk == k })
	}
}

// topicAddress reads an indexed address: its last 20 bytes.
func topicAddress(t common.Hash) common.Address { return common.BytesToAddress(t[12:]) }

// ObserveHead records the timestamp of a new head block: licenses expire
// by the chain's clock, which moves with every block whether or not the
// registry logs anything. A cached license whose expiry that time reaches
// is no longer used, so the next check asks the chain. The catalogue
// follower calls it (catalog.WithHeadHook) once per range it commits.
func (c *Checker) ObserveHead(number, time uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cache.seenChainTime(time)
}
