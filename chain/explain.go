package chain

import (
	"encoding/hex"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// The registry's limits on a registration (its MAX_* constants; a test
// reads them from the contract).
const (
	MaxTitleBytes    = 256
	MaxTags          = 16
	MaxTagBytes      = 64
	MaxSplits        = 16
	MaxOffersPerCall = 16
	TotalBps         = 10_000
	MaxCommitAge     = 24 * time.Hour
	MaxPriceBits     = 96 // an offer's price is a uint96
)

// Explain words a custom error of the registry for people: what went
// wrong, with the work, accounts and amounts it names, and what to do when
// there is something to do. Every error of the registry's ABI has its own
// words (a test checks it); an error the ABI does not list falls back to
// Error.
func (e *RevertError) Explain() string {
	if words, ok := revertWords[e.Name]; ok {
		return words(revertArgs(e.Args))
	}
	return e.Error()
}

// revertArgs reads a revert's arguments by name, with a readable
// placeholder for one that is missing or of another type.
type revertArgs map[string]any

func (a revertArgs) work(name string) string {
	if r, ok := a[name].([32]byte); ok {
		return hex.EncodeToString(r[:])
	}
	return "?"
}

func (a revertArgs) hash(name string) string {
	if r, ok := a[name].([32]byte); ok {
		return common.Hash(r).Hex()
	}
	return "?"
}

func (a revertArgs) addr(name string) string {
	if x, ok := a[name].(common.Address); ok {
		return x.Hex()
	}
	return "?"
}

func (a revertArgs) wei(name string) string {
	if x, ok := a[name].(*big.Int); ok {
		return FormatWei(x)
	}
	return "?"
}

// num renders an integer argument (uint32 or uint256 in the ABI).
func (a revertArgs) num(name string) string {
	switch x := a[name].(type) {
	case *big.Int:
		return x.String()
	case uint32, uint64, uint16, uint8:
		return fmt.Sprint(x)
	}
	return "?"
}

func (a revertArgs) time(name string) string {
	if x, ok := a[name].(*big.Int); ok && x.IsInt64() {
		return time.Unix(x.Int64(), 0).UTC().Format(time.RFC3339)
	}
	return "?"
}

var revertWords = map[string]func(revertArgs) string{
	"ZeroRoot": func(revertArgs) string {
		return "the content root is zero: it names no work"
	},
	"CommitmentExists": func(a revertArgs) string {
		return fmt.Sprintf("the registration commitment %s is already pending; it cannot be made again until it expires, a day after it was made", a.hash("commitment"))
	},
	"NoCommitment": func(a revertArgs) string {
		return fmt.Sprintf("no pending commitment %s matches this registration: it was made by another account or with another salt, already revealed, or never mined", a.hash("commitment"))
	},
	"RevealTooEarly": func(a revertArgs) string {
		return fmt.Sprintf("the registration came in the block of its commitment (%s); it must come in a later block: try again", a.num("commitBlock"))
	},
	"CommitmentExpired": func(a revertArgs) string {
		return fmt.Sprintf("the registration's commitment, made at %s, has expired (a commitment must be revealed within a day): register again", a.time("committedAt"))
	},
	"AlreadyRegistered": func(a revertArgs) string {
		return fmt.Sprintf("work %s is already registered by %s", a.work("root"), a.addr("creator"))
	},
	"TitleTooLong": func(a revertArgs) string {
		return fmt.Sprintf("the title is %s bytes long; the registry takes at most %d", a.num("length"), MaxTitleBytes)
	},
	"TooManyTags": func(a revertArgs) string {
		return fmt.Sprintf("%s tags; the registry takes at most %d", a.num("count"), MaxTags)
	},
	"TagTooLong": func(a revertArgs) string {
		return fmt.Sprintf("tag %s is %s bytes long; the registry takes at most %d", a.num("index"), a.num("length"), MaxTagBytes)
	},
	"TooManySplits": func(a revertArgs) string {
		return fmt.Sprintf("%s splits; the registry takes at most %d payees", a.num("count"), MaxSplits)
	},
	"ZeroPayee": func(a revertArgs) string {
		return fmt.Sprintf("split %s names the zero address as its payee", a.num("index"))
	},
	"ZeroShare": func(a revertArgs) string {
		return fmt.Sprintf("split %s gives its payee 0 basis points", a.num("index"))
	},
	"DuplicatePayee": func(a revertArgs) string {
		return fmt.Sprintf("the splits name %s twice", a.addr("payee"))
	},
	"SharesNotTotal": func(a revertArgs) string {
		return fmt.Sprintf("the splits' shares add up to %s basis points, not %d", a.num("totalBps"), TotalBps)
	},
	"TooManyOffers": func(a revertArgs) string {
		return fmt.Sprintf("%s offers in one registration; the registry takes at most %d (add more later)", a.num("count"), MaxOffersPerCall)
	},
	"NotRegistered": func(a revertArgs) string {
		return fmt.Sprintf("unknown work %s: it is not registered in this registry", a.work("root"))
	},
	"NotCreator": func(a revertArgs) string {
		return fmt.Sprintf("not the creator: %s did not register work %s; only its creator can do this", a.addr("account"), a.work("root"))
	},
	"OfferNotFound": func(a revertArgs) string {
		return fmt.Sprintf("work %s has no offer %s", a.work("root"), a.num("offerId"))
	},
	"OfferIsRetired": func(a revertArgs) string {
		return fmt.Sprintf("offer %s of work %s is retired: it can no longer be bought", a.num("offerId"), a.work("root"))
	},
	"PriceAboveMax": func(a revertArgs) string {
		return fmt.Sprintf("price raised: the offer costs %s, above the maximum price %s", a.wei("price"), a.wei("maxPrice"))
	},
	"WrongPayment": func(a revertArgs) string {
		return fmt.Sprintf("wrong payment: the offer costs exactly %s, %s was sent", a.wei("price"), a.wei("value"))
	},
	"SoldOut": func(a revertArgs) string {
		return fmt.Sprintf("sold out: all %s licenses of offer %s of work %s are sold", a.num("supply"), a.num("offerId"), a.work("root"))
	},
	"NonTransferableHeld": func(a revertArgs) string {
		return fmt.Sprintf("%s holds a valid non-transferable license to work %s, which a transferable one cannot replace", a.addr("account"), a.work("root"))
	},
	"InvalidRecipient": func(a revertArgs) string {
		return fmt.Sprintf("%s cannot receive this: it is the zero address, or the sender itself", a.addr("to"))
	},
	"NoValidLicense": func(a revertArgs) string {
		return fmt.Sprintf("%s holds no valid license to work %s", a.addr("account"), a.work("root"))
	},
	"LicenseNotTransferable": func(a revertArgs) string {
		return fmt.Sprintf("the license of %s to work %s is not transferable", a.addr("account"), a.work("root"))
	},
	"NothingToWithdraw": func(a revertArgs) string {
		return fmt.Sprintf("nothing to withdraw for %s", a.addr("account"))
	},
	"ReentrancyGuardReentrantCall": func(revertArgs) string {
		return "the registry refused a re-entrant call: a contract called back into it while it paid or sold"
	},
	"RoyaltyTooHigh": func(a revertArgs) string {
		return fmt.Sprintf("a royalty of %s basis points is more than the whole resale price: at most %d (100%%)", a.num("royaltyBps"), TotalBps)
	},
	"NotListed": func(a revertArgs) string {
		return fmt.Sprintf("%s has no license to work %s for sale: never listed, unlisted, already sold or transferred", a.addr("seller"), a.work("root"))
	},
	"ListingChanged": func(a revertArgs) string {
		return fmt.Sprintf("the listing of work %s by %s changed before the purchase went through (it is version %s now): nothing was bought; read the listing again before buying", a.work("root"), a.addr("seller"), a.num("version"))
	},
	"WithdrawFailed": func(a revertArgs) string {
		return fmt.Sprintf("sending %s to %s failed: the recipient refused the payment, and nothing was withdrawn", a.wei("amount"), a.addr("to"))
	},
}
