// Package catalog keeps a local, persistent catalogue of the essaim
// registry — works, offers, licenses, licenses listed for resale and who is
// paid by which work — built from the registry's event logs and kept in a
// bbolt file.
//
// The state changes are decided by plain functions over a key-value view
// (apply.go) that know nothing about the chain; the Follower (follower.go)
// feeds them the logs of confirmed block ranges, one bbolt transaction per
// range, and undoes blocks that a reorganisation removed.
package catalog

import (
	"math/big"

	"github.com/ethereum/go-ethereum/common"
)

// Split is a co-creator's share of every sale, in basis points.
type Split struct {
	Payee common.Address `json:"payee"`
	Bps   uint16         `json:"bps"`
}

// Work is a registered work as seen in its WorkRegistered event, with the
// open flag updated by later OpenSet events.
type Work struct {
	Root         common.Hash    `json:"root"`
	Creator      common.Address `json:"creator"`
	Title        string         `json:"title"`
	Tags         []string       `json:"tags"`
	MetadataHash common.Hash    `json:"metadataHash"`
	Open         bool           `json:"open"`
	Splits       []Split        `json:"splits"` // empty: 100% to the creator
	Block        uint64         `json:"block"`  // registration block
	Time         uint64         `json:"time"`   // registration block's timestamp (0 if the node did not say)
	LogIndex     uint           `json:"logIndex"`
	Resales      uint32         `json:"resales,omitempty"`   // licenses resold (LicenseResold events)
	Royalties    *big.Int       `json:"royalties,omitempty"` // wei their royalties added to the work's revenue
}

// Offer is one offer of a work. Sold counts the LicensePurchased events
// seen for it.
type Offer struct {
	Root         common.Hash `json:"root"`
	ID           uint32      `json:"id"`
	Price        *big.Int    `json:"price"`
	Duration     uint64      `json:"duration"` // seconds, 0 = perpetual
	Supply       uint32      `json:"supply"`   // 0 = unlimited
	Transferable bool        `json:"transferable"`
	RoyaltyBps   uint16      `json:"royaltyBps"` // share of each resale for the payees, in basis points
	Sold         uint32      `json:"sold"`
	Retired      bool        `json:"retired"`
}

// License is an account's license record for a work, as last seen in
// events. Expiry is exclusive; math.MaxUint64 means perpetual.
type License struct {
	Root         common.Hash    `json:"root"`
	Account      common.Address `json:"account"`
	Expiry       uint64         `json:"expiry"`
	Transferable bool           `json:"transferable"`
}

// Listing is a license its holder offers for resale, as last seen in
// LicenseListed events; it is gone once unlisted, sold or transferred.
// A buyer names Version, so that it buys the listing it saw.
type Listing struct {
	Root    common.Hash    `json:"root"`
	Seller  common.Address `json:"seller"`
	Price   *big.Int       `json:"price"`
	Version uint64         `json:"version"`
}
