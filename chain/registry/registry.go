// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package registry

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// IEssaimRegistryCommitment is an auto generated low-level Go binding around an user-defined struct.
type IEssaimRegistryCommitment struct {
	BlockNumber uint64
	Timestamp   uint64
}

// IEssaimRegistryLicense is an auto generated low-level Go binding around an user-defined struct.
type IEssaimRegistryLicense struct {
	Expiry       uint64
	Transferable bool
	RoyaltyBps   uint16
}

// IEssaimRegistryListing is an auto generated low-level Go binding around an user-defined struct.
type IEssaimRegistryListing struct {
	Price   *big.Int
	Version uint64
	Active  bool
}

// IEssaimRegistryOffer is an auto generated low-level Go binding around an user-defined struct.
type IEssaimRegistryOffer struct {
	Price        *big.Int
	Duration     uint64
	Supply       uint32
	Transferable bool
	RoyaltyBps   uint16
	Sold         uint32
	Retired      bool
}

// IEssaimRegistryOfferTerms is an auto generated low-level Go binding around an user-defined struct.
type IEssaimRegistryOfferTerms struct {
	Price        *big.Int
	Duration     uint64
	Supply       uint32
	Transferable bool
	RoyaltyBps   uint16
}

// IEssaimRegistrySplit is an auto generated low-level Go binding around an user-defined struct.
type IEssaimRegistrySplit struct {
	Payee common.Address
	Bps   uint16
}

// IEssaimRegistryWork is an auto generated low-level Go binding around an user-defined struct.
type IEssaimRegistryWork struct {
	Creator      common.Address
	Open         bool
	OfferCount   uint32
	RegisteredAt *big.Int
}

// EssaimRegistryMetaData contains all meta data concerning the EssaimRegistry contract.
var EssaimRegistryMetaData = bind.MetaData{
	ABI: "[{\"type\":\"function\",\"name\":\"MAX_COMMIT_AGE\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"MAX_OFFERS_PER_CALL\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"MAX_SPLITS\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"MAX_TAGS\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"MAX_TAG_BYTES\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"MAX_TITLE_BYTES\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"PERPETUAL\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint64\",\"internalType\":\"uint64\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"TOTAL_BPS\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"addOffer\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"terms\",\"type\":\"tuple\",\"internalType\":\"structIEssaimRegistry.OfferTerms\",\"components\":[{\"name\":\"price\",\"type\":\"uint96\",\"internalType\":\"uint96\"},{\"name\":\"duration\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"supply\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"transferable\",\"type\":\"bool\",\"internalType\":\"bool\"},{\"name\":\"royaltyBps\",\"type\":\"uint16\",\"internalType\":\"uint16\"}]}],\"outputs\":[{\"name\":\"offerId\",\"type\":\"uint32\",\"internalType\":\"uint32\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"buy\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"offerId\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"maxPrice\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[],\"stateMutability\":\"payable\"},{\"type\":\"function\",\"name\":\"buyListing\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"seller\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"version\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"maxPrice\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[],\"stateMutability\":\"payable\"},{\"type\":\"function\",\"name\":\"claimed\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"payee\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"commit\",\"inputs\":[{\"name\":\"commitment\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"commitments\",\"inputs\":[{\"name\":\"commitment\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[{\"name\":\"\",\"type\":\"tuple\",\"internalType\":\"structIEssaimRegistry.Commitment\",\"components\":[{\"name\":\"blockNumber\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"timestamp\",\"type\":\"uint64\",\"internalType\":\"uint64\"}]}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"computeCommitment\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"creator\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"salt\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[{\"name\":\"\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"pure\"},{\"type\":\"function\",\"name\":\"grant\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"to\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"duration\",\"type\":\"uint64\",\"internalType\":\"uint64\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"hasValidLicense\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"account\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"bool\",\"internalType\":\"bool\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"licenses\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"account\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"tuple\",\"internalType\":\"structIEssaimRegistry.License\",\"components\":[{\"name\":\"expiry\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"transferable\",\"type\":\"bool\",\"internalType\":\"bool\"},{\"name\":\"royaltyBps\",\"type\":\"uint16\",\"internalType\":\"uint16\"}]}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"list\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"price\",\"type\":\"uint96\",\"internalType\":\"uint96\"}],\"outputs\":[{\"name\":\"version\",\"type\":\"uint64\",\"internalType\":\"uint64\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"listings\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"seller\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"tuple\",\"internalType\":\"structIEssaimRegistry.Listing\",\"components\":[{\"name\":\"price\",\"type\":\"uint96\",\"internalType\":\"uint96\"},{\"name\":\"version\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"active\",\"type\":\"bool\",\"internalType\":\"bool\"}]}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"offers\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"offerId\",\"type\":\"uint32\",\"internalType\":\"uint32\"}],\"outputs\":[{\"name\":\"\",\"type\":\"tuple\",\"internalType\":\"structIEssaimRegistry.Offer\",\"components\":[{\"name\":\"price\",\"type\":\"uint96\",\"internalType\":\"uint96\"},{\"name\":\"duration\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"supply\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"transferable\",\"type\":\"bool\",\"internalType\":\"bool\"},{\"name\":\"royaltyBps\",\"type\":\"uint16\",\"internalType\":\"uint16\"},{\"name\":\"sold\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"retired\",\"type\":\"bool\",\"internalType\":\"bool\"}]}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"owed\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"payee\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"proceeds\",\"inputs\":[{\"name\":\"account\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"register\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"salt\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"title\",\"type\":\"string\",\"internalType\":\"string\"},{\"name\":\"tags\",\"type\":\"string[]\",\"internalType\":\"string[]\"},{\"name\":\"metadataHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"open\",\"type\":\"bool\",\"internalType\":\"bool\"},{\"name\":\"splits\",\"type\":\"tuple[]\",\"internalType\":\"structIEssaimRegistry.Split[]\",\"components\":[{\"name\":\"payee\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"bps\",\"type\":\"uint16\",\"internalType\":\"uint16\"}]},{\"name\":\"offerTerms\",\"type\":\"tuple[]\",\"internalType\":\"structIEssaimRegistry.OfferTerms[]\",\"components\":[{\"name\":\"price\",\"type\":\"uint96\",\"internalType\":\"uint96\"},{\"name\":\"duration\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"supply\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"transferable\",\"type\":\"bool\",\"internalType\":\"bool\"},{\"name\":\"royaltyBps\",\"type\":\"uint16\",\"internalType\":\"uint16\"}]}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"retireOffer\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"offerId\",\"type\":\"uint32\",\"internalType\":\"uint32\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"revenue\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"setOpen\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"open\",\"type\":\"bool\",\"internalType\":\"bool\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"splitsOf\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[{\"name\":\"\",\"type\":\"tuple[]\",\"internalType\":\"structIEssaimRegistry.Split[]\",\"components\":[{\"name\":\"payee\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"bps\",\"type\":\"uint16\",\"internalType\":\"uint16\"}]}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"transferLicense\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"to\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"unlist\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"withdraw\",\"inputs\":[{\"name\":\"roots\",\"type\":\"bytes32[]\",\"internalType\":\"bytes32[]\"},{\"name\":\"to\",\"type\":\"address\",\"internalType\":\"addresspayable\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"works\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[{\"name\":\"\",\"type\":\"tuple\",\"internalType\":\"structIEssaimRegistry.Work\",\"components\":[{\"name\":\"creator\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"open\",\"type\":\"bool\",\"internalType\":\"bool\"},{\"name\":\"offerCount\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"registeredAt\",\"type\":\"uint48\",\"internalType\":\"uint48\"}]}],\"stateMutability\":\"view\"},{\"type\":\"event\",\"name\":\"Committed\",\"inputs\":[{\"name\":\"commitment\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"committer\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"LicenseGranted\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"to\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"expiry\",\"type\":\"uint64\",\"indexed\":false,\"internalType\":\"uint64\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"LicenseListed\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"seller\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"price\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"},{\"name\":\"version\",\"type\":\"uint64\",\"indexed\":false,\"internalType\":\"uint64\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"LicensePurchased\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"buyer\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"offerId\",\"type\":\"uint32\",\"indexed\":true,\"internalType\":\"uint32\"},{\"name\":\"pricePaid\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"},{\"name\":\"expiry\",\"type\":\"uint64\",\"indexed\":false,\"internalType\":\"uint64\"},{\"name\":\"transferable\",\"type\":\"bool\",\"indexed\":false,\"internalType\":\"bool\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"LicenseResold\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"seller\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"buyer\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"price\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"},{\"name\":\"royalty\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"},{\"name\":\"expiry\",\"type\":\"uint64\",\"indexed\":false,\"internalType\":\"uint64\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"LicenseTransferred\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"from\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"to\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"expiry\",\"type\":\"uint64\",\"indexed\":false,\"internalType\":\"uint64\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"LicenseUnlisted\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"seller\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"version\",\"type\":\"uint64\",\"indexed\":false,\"internalType\":\"uint64\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"OfferAdded\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"offerId\",\"type\":\"uint32\",\"indexed\":true,\"internalType\":\"uint32\"},{\"name\":\"price\",\"type\":\"uint96\",\"indexed\":false,\"internalType\":\"uint96\"},{\"name\":\"duration\",\"type\":\"uint64\",\"indexed\":false,\"internalType\":\"uint64\"},{\"name\":\"supply\",\"type\":\"uint32\",\"indexed\":false,\"internalType\":\"uint32\"},{\"name\":\"transferable\",\"type\":\"bool\",\"indexed\":false,\"internalType\":\"bool\"},{\"name\":\"royaltyBps\",\"type\":\"uint16\",\"indexed\":false,\"internalType\":\"uint16\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"OfferRetired\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"offerId\",\"type\":\"uint32\",\"indexed\":true,\"internalType\":\"uint32\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"OpenSet\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"open\",\"type\":\"bool\",\"indexed\":false,\"internalType\":\"bool\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"ProceedsClaimed\",\"inputs\":[{\"name\":\"account\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"amount\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"RevenueClaimed\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"payee\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"amount\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"Withdrawn\",\"inputs\":[{\"name\":\"account\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"to\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"amount\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"WorkRegistered\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"creator\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"title\",\"type\":\"string\",\"indexed\":false,\"internalType\":\"string\"},{\"name\":\"tags\",\"type\":\"string[]\",\"indexed\":false,\"internalType\":\"string[]\"},{\"name\":\"metadataHash\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"},{\"name\":\"open\",\"type\":\"bool\",\"indexed\":false,\"internalType\":\"bool\"},{\"name\":\"splits\",\"type\":\"tuple[]\",\"indexed\":false,\"internalType\":\"structIEssaimRegistry.Split[]\",\"components\":[{\"name\":\"payee\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"bps\",\"type\":\"uint16\",\"internalType\":\"uint16\"}]}],\"anonymous\":false},{\"type\":\"error\",\"name\":\"EssaimRegistryAlreadyRegistered\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"creator\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryCommitmentExists\",\"inputs\":[{\"name\":\"commitment\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryCommitmentExpired\",\"inputs\":[{\"name\":\"committedAt\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryDuplicatePayee\",\"inputs\":[{\"name\":\"payee\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryInvalidRecipient\",\"inputs\":[{\"name\":\"to\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryLicenseNotTransferable\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"account\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryListingChanged\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"seller\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"version\",\"type\":\"uint64\",\"internalType\":\"uint64\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryNoCommitment\",\"inputs\":[{\"name\":\"commitment\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryNoValidLicense\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"account\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryNonTransferableHeld\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"account\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryNotCreator\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"account\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryNotListed\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"seller\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryNotRegistered\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryNothingToWithdraw\",\"inputs\":[{\"name\":\"account\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryOfferIsRetired\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"offerId\",\"type\":\"uint32\",\"internalType\":\"uint32\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryOfferNotFound\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"offerId\",\"type\":\"uint32\",\"internalType\":\"uint32\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryPriceAboveMax\",\"inputs\":[{\"name\":\"price\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"maxPrice\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryRevealTooEarly\",\"inputs\":[{\"name\":\"commitBlock\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryRoyaltyTooHigh\",\"inputs\":[{\"name\":\"royaltyBps\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistrySharesNotTotal\",\"inputs\":[{\"name\":\"totalBps\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistrySoldOut\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"offerId\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"supply\",\"type\":\"uint32\",\"internalType\":\"uint32\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryTagTooLong\",\"inputs\":[{\"name\":\"index\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"length\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryTitleTooLong\",\"inputs\":[{\"name\":\"length\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryTooManyOffers\",\"inputs\":[{\"name\":\"count\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryTooManySplits\",\"inputs\":[{\"name\":\"count\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryTooManyTags\",\"inputs\":[{\"name\":\"count\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryWithdrawFailed\",\"inputs\":[{\"name\":\"to\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"amount\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryWrongPayment\",\"inputs\":[{\"name\":\"price\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"value\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryZeroPayee\",\"inputs\":[{\"name\":\"index\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryZeroRoot\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"EssaimRegistryZeroShare\",\"inputs\":[{\"name\":\"index\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"ReentrancyGuardReentrantCall\",\"inputs\":[]}]",
	ID:  "EssaimRegistry",
	Bin: "0x6080604052348015600e575f5ffd5b506133068061001c5f395ff3fe6080604052600436106101db575f3560e01c8063a59c6495116100fd578063c1c7816e11610092578063dfcae62211610062578063dfcae622146108e4578063f0e3ee0e14610925578063f14fcbc81461093f578063f2fccdea1461095e575f5ffd5b8063c1c7816e1461089c578063cce672261461021b578063d3cd52bc146108b0578063d4e84a62146108c5575f5ffd5b8063b48210ca116100cd578063b48210ca1461021b578063b92be3fe1461083b578063bc40a27714610867578063bcedc05f14610886575f5ffd5b8063a59c6495146106c8578063a7bd6f1b146106fc578063a7d9605a1461071b578063ab6b7e7d1461073a575f5ffd5b806365f7e3bb11610173578063839df94511610143578063839df94514610603578063918360031461068d5780639309295d146106a25780639a407348146106b5575f5ffd5b806365f7e3bb146103ee57806366b1eceb146104c15780637ef736d91461058a57806381535d72146105a9575f5ffd5b806338be5592116101ae57806338be5592146102a05780633ae0052a146102c157806356da5037146102e0578063647e1bc5146103cf575f5ffd5b80630325884d146101df5780630a686a001461021b5780631b15ea241461023d57806335adde541461026c575b5f5ffd5b3480156101ea575f5ffd5b506101fe6101f93660046129ef565b610989565b6040516001600160401b0390911681526020015b60405180910390f35b348015610226575f5ffd5b5061022f601081565b604051908152602001610212565b348015610248575f5ffd5b5061025c610257366004612a30565b610af6565b6040519015158152602001610212565b348015610277575f5ffd5b5061022f610286366004612a5e565b6001600160a01b03165f9081526008602052604090205490565b3480156102ab575f5ffd5b506102bf6102ba366004612a79565b610bc1565b005b3480156102cc575f5ffd5b506102bf6102db366004612ce0565b610e23565b3480156102eb575f5ffd5b506103836102fa366004612dcf565b604080516080810182525f808252602082018190529181018290526060810191909152505f90815260016020908152604091829020825160808101845290546001600160a01b0381168252600160a01b810460ff16151592820192909252600160a81b820463ffffffff1692810192909252600160c81b900465ffffffffffff16606082015290565b604051610212919081516001600160a01b0316815260208083015115159082015260408083015163ffffffff169082015260609182015165ffffffffffff169181019190915260800190565b3480156103da575f5ffd5b506102bf6103e9366004612dfc565b610ecc565b3480156103f9575f5ffd5b5061048b610408366004612a30565b604080516060810182525f8082526020820181905291810191909152505f9182526007602090815260408084206001600160a01b0393909316845291815291819020815160608101835290546001600160601b0381168252600160601b81046001600160401b031693820193909352600160a01b90920460ff1615159082015290565b6040805182516001600160601b031681526020808401516001600160401b03169082015291810151151590820152606001610212565b3480156104cc575f5ffd5b506105596104db366004612a30565b604080516060810182525f8082526020820181905291810191909152505f9182526004602090815260408084206001600160a01b0393909316845291815291819020815160608101835290546001600160401b0381168252600160401b810460ff16151593820193909352600160481b90920461ffff169082015290565b6040805182516001600160401b031681526020808401511515908201529181015161ffff1690820152606001610212565b348015610595575f5ffd5b506102bf6105a4366004612a30565b610fca565b3480156105b4575f5ffd5b5061022f6105c3366004612e37565b604080516020808201959095526001600160a01b039390931683820152606080840192909252805180840390920182526080909201909152805191012090565b34801561060e575f5ffd5b5061066661061d366004612dcf565b604080518082019091525f8082526020820152505f90815260208181526040918290208251808401909352546001600160401b038082168452600160401b909104169082015290565b6040805182516001600160401b039081168252602093840151169281019290925201610212565b348015610698575f5ffd5b5061022f61010081565b6102bf6106b0366004612e6c565b611043565b6102bf6106c3366004612ec2565b611320565b3480156106d3575f5ffd5b506106e76106e2366004612ee4565b6117de565b60405163ffffffff9091168152602001610212565b348015610707575f5ffd5b5061022f610716366004612a30565b611839565b348015610726575f5ffd5b506102bf610735366004612f19565b611876565b348015610745575f5ffd5b5061082e610754366004612f3a565b6040805160e0810182525f80825260208201819052918101829052606081018290526080810182905260a0810182905260c0810191909152505f91825260036020908152604080842063ffffffff9384168552825292839020835160e08101855290546001600160601b0381168252600160601b81046001600160401b031692820192909252600160a01b8204831693810193909352600160c01b810460ff90811615156060850152600160c81b820461ffff166080850152600160d81b820490921660a0840152600160f81b900416151560c082015290565b6040516102129190612f5b565b348015610846575f5ffd5b5061085a610855366004612dcf565b6118d5565b6040516102129190612fd7565b348015610872575f5ffd5b506102bf610881366004612dcf565b61195b565b348015610891575f5ffd5b5061022f6201518081565b3480156108a7575f5ffd5b5061022f604081565b3480156108bb575f5ffd5b5061022f61271081565b3480156108d0575f5ffd5b506102bf6108df366004612f3a565b6119fc565b3480156108ef575f5ffd5b5061022f6108fe366004612a30565b5f9182526006602090815260408084206001600160a01b0393909316845291905290205490565b348015610930575f5ffd5b506101fe6001600160401b0381565b34801561094a575f5ffd5b506102bf610959366004612dcf565b611aec565b348015610969575f5ffd5b5061022f610978366004612dcf565b5f9081526005602052604090205490565b5f8281526004602090815260408083203384528252808320815160608101835290546001600160401b038116808352600160401b820460ff16151594830194909452600160481b900461ffff1691810191909152904210610a0b5760405163b0af7a9b60e01b8152600481018590523360248201526044015b60405180910390fd5b8060200151610a3657604051631a3c5b2560e11b815260048101859052336024820152604401610a02565b5f84815260076020908152604080832033845290915290208054610a6b90600160601b90046001600160401b03166001613046565b8154600160a01b6001600160601b0387166001600160a01b03199092168217600160601b6001600160401b0385169081029190911760ff60a01b1916919091178455604080519283526020830191909152919450339187917f08fbd10fd4208e1308b93c15278c93100cef764a4d3549db7da95834c365b789910160405180910390a3505092915050565b5f828152600160209081526040808320815160808101835290546001600160a01b038116808352600160a01b820460ff16151594830194909452600160a81b810463ffffffff1692820192909252600160c81b90910465ffffffffffff16606082015290610b67575f915050610bbb565b80516001600160a01b0384811691161480610b83575080602001515b80610bb757505f8481526004602090815260408083206001600160a01b03871684529091529020546001600160401b031642105b9150505b92915050565b610bc9611bea565b6001600160a01b038116610bfb5760405163ddc3ddb160e01b81526001600160a01b0382166004820152602401610a02565b335f908152600860205260409020548015610c5c57335f8181526008602052604080822091909155517faeb64c7c1267183d614aea1f500875821e7f7f54ca00f331743f5192733c294790610c539084815260200190565b60405180910390a25b5f5b83811015610d2f575f858583818110610c7957610c79613065565b9050602002013590505f610c8d8233611c21565b5f83815260066020908152604080832033845290915290205490915080821115610d21575f8381526006602090815260408083203384529091529020829055610cd68183613079565b610ce0908661308c565b945033837f016978c09cf608ae90a77ca5a976885d15d6d0ebda2327237ebaa098c98a4c30610d0f8486613079565b60405190815260200160405180910390a35b505050806001019050610c5e565b50805f03610d525760405163e97001a560e01b8152336004820152602401610a02565b6040518181526001600160a01b0383169033907fd1c19fbcd4551a5edfb66d43d2e337c04837afda3482b42bdf569a8fccdae5fb9060200160405180910390a35f826001600160a01b0316826040515f6040518083038185875af1925050503d805f8114610ddb576040519150601f19603f3d011682016040523d82523d5f602084013e610de0565b606091505b5050905080610e1457604051632583e1ff60e11b81526001600160a01b038416600482015260248101839052604401610a02565b5050610e1e611d0d565b505050565b610e328a8a8a8a888887611d37565b610e3f8a86838787611e1c565b336001600160a01b03168a7fb4fff57afa424ebd4e80e266a7128ec63d33dfe9b257a13a32563c181acf61eb8a8a8a8a8a8a604051610e839695949392919061313b565b60405180910390a35f5b81811015610ebf57610eb78b82858585818110610eac57610eac613065565b905060a00201611f36565b600101610e8d565b5050505050505050505050565b610ed5836121d7565b506001600160a01b038216610f085760405163ddc3ddb160e01b81526001600160a01b0383166004820152602401610a02565b5f8381526004602090815260408083206001600160a01b0386168452909152812090610f344284612247565b82549091506001600160401b039081169082161115610f6d57815468ffffffffffffffffff19166001600160401b038216178255610f7a565b5080546001600160401b03165b6040516001600160401b03821681526001600160a01b0385169086907f9c8509ea779f9854399f1d3713cd32ded260d06ba0150c7af13c0393fb3e32be9060200160405180910390a35050505050565b5f610fd683338461229d565b90505f610fe584338585612473565b6040516001600160401b03821681529091506001600160a01b03841690339086907fd115311240c2ad8eb4e4dbaa0444a5963b2eae517ed3fd7438ccfeafe2a44bdc9060200160405180910390a461103d84336125a7565b50505050565b61104b611bea565b5f8481526007602090815260408083206001600160a01b0387168452825291829020825160608101845290546001600160601b0381168252600160601b81046001600160401b031692820192909252600160a01b90910460ff161515918101829052906110dd57604051632967f60d60e01b8152600481018690526001600160a01b0385166024820152604401610a02565b826001600160401b031681602001516001600160401b03161461113a5760208101516040516321fbe8ed60e11b8152600481018790526001600160a01b03861660248201526001600160401b039091166044820152606401610a02565b80516001600160601b031682101561117a57805160405163c4d663eb60e01b81526001600160601b03909116600482015260248101839052604401610a02565b805f01516001600160601b031634146111ba57805160405163e8a961d560e01b81526001600160601b039091166004820152346024820152604401610a02565b5f6111c686863361229d565b5f8781526007602090815260408083206001600160a01b038a1684529091528120805460ff60a01b1916905590915061120187873385612473565b90505f612710836040015161ffff16855f01516001600160601b031661122791906131db565b61123191906131f2565b9050801561125c575f888152600560205260408120805483929061125690849061308c565b90915550505b83516001600160601b031681146112b05783516112839082906001600160601b0316613079565b6001600160a01b0388165f90815260086020526040812080549091906112aa90849061308c565b90915550505b8351604080516001600160601b039092168252602082018390526001600160401b0384169082015233906001600160a01b038916908a907f3e8db16a8d15ec215bdaf308948f4ff52754249c8b602ddd796b50db07f8c50b9060600160405180910390a45050505061103d611d0d565b611328611bea565b5f83815260016020908152604091829020825160808101845290546001600160a01b038116808352600160a01b820460ff16151593830193909352600160a81b810463ffffffff1693820193909352600160c81b90920465ffffffffffff1660608301526113ac57604051630b8e178760e21b815260048101859052602401610a02565b806040015163ffffffff168363ffffffff16106113eb5760405163cd77633f60e01b81526004810185905263ffffffff84166024820152604401610a02565b5f84815260036020908152604080832063ffffffff808816855290835292819020815160e08101835290546001600160601b03811682526001600160401b03600160601b82041693820193909352600160a01b830484169181019190915260ff600160c01b830481161515606083015261ffff600160c81b8404166080830152600160d81b830490931660a0820152600160f81b90910490911615801560c08301526114b9576040516307d4a28d60e41b81526004810186905263ffffffff85166024820152604401610a02565b80516001600160601b03168310156114f957805160405163c4d663eb60e01b81526001600160601b03909116600482015260248101849052604401610a02565b805f01516001600160601b0316341461153957805160405163e8a961d560e01b81526001600160601b039091166004820152346024820152604401610a02565b604081015163ffffffff16158015906115665750806040015163ffffffff168160a0015163ffffffff1610155b156115a15760408082015190516305005c4b60e41b81526004810187905263ffffffff80871660248301529091166044820152606401610a02565b5f858152600460209081526040808320338452825291829020825160608101845290546001600160401b038116808352600160401b820460ff16151593830193909352600160481b900461ffff1692810192909252421080801561160757508160200151155b8015611614575082606001515b1561163b5760405163675aa0f760e01b815260048101889052336024820152604401610a02565b60a083015161164b906001613211565b5f88815260036020908152604080832063ffffffff8b8116855292528220805463ffffffff60d81b1916600160d81b9490921693909302179091556116a1826116945742611697565b83515b8560200151612247565b5f8981526004602090815260408083203384529091529020805460608701511515600160401b0268ffffffffffffffffff199091166001600160401b038416171781559091508215806117035750836040015161ffff16856080015161ffff16115b15611729576080850151815461ffff909116600160481b0261ffff60481b199091161781555b8451606080870151604080516001600160601b0390941684526001600160401b03861660208501529015159083015263ffffffff8a169133918c917f79cc5be982e2e789e8a15d14956a355502f0be75cfd4f7f397234abf5f4d3799910160405180910390a484516001600160601b0316156117d05784515f8a815260056020526040812080546001600160601b03909316929091906117ca90849061308c565b90915550505b505050505050610e1e611d0d565b5f5f6117e9846121d7565b8054600160a81b900463ffffffff1692509050611807826001613211565b815463ffffffff91909116600160a81b0263ffffffff60a81b19909116178155611832848385611f36565b5092915050565b5f8281526006602090815260408083206001600160a01b03851684529091528120546118658484611c21565b61186f9190613079565b9392505050565b80611880836121d7565b8054911515600160a01b0260ff60a01b19909216919091179055604051811515815282907f0b37abf78cb0811fcc7b9ad54b5c267ec74963c22f7ebb00459c46603a7173129060200160405180910390a25050565b606060025f8381526020019081526020015f20805480602002602001604051908101604052809291908181526020015f905b82821015611950575f84815260209081902060408051808201909152908401546001600160a01b0381168252600160a01b900461ffff1681830152825260019092019101611907565b505050509050919050565b5f81815260076020908152604080832033845290915290208054600160a01b900460ff166119a557604051632967f60d60e01b815260048101839052336024820152604401610a02565b805460ff60a01b1916808255604051600160601b9091046001600160401b03168152339083907fd74f272a4a08e8d15eb67f15c061fb889711bb7f72b8f8929bc60c1e8c02afe69060200160405180910390a35050565b5f611a06836121d7565b805490915063ffffffff600160a81b909104811690831610611a4a5760405163cd77633f60e01b81526004810184905263ffffffff83166024820152604401610a02565b5f83815260036020908152604080832063ffffffff8616845290915290208054600160f81b900460ff1615611aa1576040516307d4a28d60e41b81526004810185905263ffffffff84166024820152604401610a02565b80546001600160f81b0316600160f81b17815560405163ffffffff84169085907f3ad4d294fab193595371f4e99445e547f4be7ace765691ee48dc643b1cce427a905f90a350505050565b5f81815260208181526040918290208251808401909352546001600160401b03808216808552600160401b909204169183019190915215801590611b4b57506201518081602001516001600160401b0316611b47919061308c565b4211155b15611b6c5760405163537cb97760e11b815260048101839052602401610a02565b6040805180820182526001600160401b03438116825242811660208084019182525f878152908190528481209351845492518416600160401b026001600160801b0319909316931692909217179091559051339184917ffda886b5d38d5d61e432b3acc9f19640a2b8c83c87a9c584a780d3854b309b9c9190a35050565b611bf2612636565b611c1f60017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005b90612676565b565b5f82815260056020526040812054808203611c3f575f915050610bbb565b5f84815260026020526040812080549091819003611c89575f868152600160205260409020546001600160a01b03868116911614611c7d575f611c7f565b825b9350505050610bbb565b5f5b81811015611d01575f838281548110611ca657611ca6613065565b5f91825260209091200180549091506001600160a01b03808916911603611cf857805461271090611ce290600160a01b900461ffff16876131db565b611cec91906131f2565b95505050505050610bbb565b50600101611c8b565b505f9695505050505050565b611c1f5f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00611c19565b86611d55576040516335b530d160e01b815260040160405180910390fd5b6040805160208101899052339181019190915260608101879052611d91906080016040516020818303038152906040528051906020012061267d565b5f878152600160205260409020546001600160a01b03168015611dd9576040516358d0b70f60e11b8152600481018990526001600160a01b0382166024820152604401610a02565b611de38686612777565b611ded848461283e565b6010821115611e12576040516301d91f3d60e21b815260048101839052602401610a02565b5050505050505050565b60408051608081018252338152851515602080830191825263ffffffff80881684860190815265ffffffffffff428116606087019081525f8d8152600190955296842095518654955192519751909116600160c81b0265ffffffffffff60c81b1997909316600160a81b029690961669ffffffffffffffffffff60a81b19911515600160a01b026001600160a81b03199095166001600160a01b03979097169690961793909317929092169390931717905583905b82811015611f2d575f878152600260205260409020848483818110611ef857611ef8613065565b83546001810185555f948552602090942060409091029290920192919091019050611f23828261322d565b5050600101611ed1565b50505050505050565b612710611f4960a0830160808401613287565b61ffff161115611f8257611f6360a0820160808301613287565b604051626d150960e61b815261ffff9091166004820152602401610a02565b6040805160e0810190915280611f9b60208401846132a2565b6001600160601b03168152602001826020016020810190611fbc91906132bb565b6001600160401b03168152602001611fda60608401604085016132d4565b63ffffffff168152602001611ff560808401606085016132ed565b1515815260200161200c60a0840160808501613287565b61ffff90811682525f602080840182905260409384018290528782526003815283822063ffffffff8881168085529183529285902086518154888501519789015160608a015160808b015160a08c015160c0909c01511515600160f81b026001600160f81b039c8a16600160d81b0263ffffffff60d81b1992909b16600160c81b029190911665ffffffffffff60c81b19921515600160c01b0260ff60c01b1994909a16600160a01b029390931664ffffffffff60a01b196001600160401b03909c16600160601b026001600160a01b03199095166001600160601b03909616959095179390931799909916929092179590951796909616959095179390931794909416179091559084907fe384b094b850bb1cb96913ec0280f8d5462a293bfa71e2afbab12135a26994d990612145908501856132a2565b61215560408601602087016132bb565b61216560608701604088016132d4565b61217560808801606089016132ed565b61218560a0890160808a01613287565b604080516001600160601b0390961686526001600160401b03909416602086015263ffffffff90921692840192909252901515606083015261ffff16608082015260a0015b60405180910390a3505050565b5f81815260016020526040902080546001600160a01b031661220f57604051630b8e178760e21b815260048101839052602401610a02565b80546001600160a01b0316331461224257604051637639ead160e01b815260048101839052336024820152604401610a02565b919050565b5f816001600160401b03165f0361226657506001600160401b03610bbb565b5f61227d6001600160401b0380851690861661308c565b90506001600160401b03811061186f576001600160401b03915050610bbb565b604080516060810182525f80825260208201819052918101919091526001600160a01b03821615806122e05750826001600160a01b0316826001600160a01b0316145b156123095760405163ddc3ddb160e01b81526001600160a01b0383166004820152602401610a02565b505f8381526004602090815260408083206001600160a01b0386168452825291829020825160608101845290546001600160401b038116808352600160401b820460ff16151593830193909352600160481b900461ffff169281019290925242106123995760405163b0af7a9b60e01b8152600481018590526001600160a01b0384166024820152604401610a02565b80602001516123cd57604051631a3c5b2560e11b8152600481018590526001600160a01b0384166024820152604401610a02565b5f8481526004602090815260408083206001600160a01b0386168452825291829020825160608101845290546001600160401b038116808352600160401b820460ff16151593830193909352600160481b900461ffff16928101929092524210801561243b57508060200151155b1561246b5760405163675aa0f760e01b8152600481018690526001600160a01b0384166024820152604401610a02565b509392505050565b5f8481526004602090815260408083206001600160a01b03861684528252808320815160608101835290546001600160401b03808216808452600160401b830460ff16151595840195909552600160481b90910461ffff1692820192909252845190929116106124e45782516124e7565b80515b91505f815f01516001600160401b0316421080156125145750836040015161ffff16826040015161ffff16115b5f8881526004602090815260408083206001600160a01b03808c16855281845282852080546affffffffffffffffffffff191690558a1684529091529020805468ffffffffffffffffff19166001600160401b03861617600160401b1781559091508161259c576040850151815461ffff909116600160481b0261ffff60481b199091161781555b505050949350505050565b5f8281526007602090815260408083206001600160a01b038516845290915290208054600160a01b900460ff166125dd57505050565b805460ff60a01b1916808255604051600160601b9091046001600160401b031681526001600160a01b0383169084907fd74f272a4a08e8d15eb67f15c061fb889711bb7f72b8f8929bc60c1e8c02afe6906020016121ca565b7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005c15611c1f57604051633ee5aeb560e01b815260040160405180910390fd5b80825d5050565b5f818152602081815260408083208151808301909252546001600160401b03808216808452600160401b909204169282019290925291036126d45760405163453d464760e11b815260048101839052602401610a02565b80516001600160401b0316431161270c578051604051638880b1e960e01b81526001600160401b039091166004820152602401610a02565b6201518081602001516001600160401b0316612728919061308c565b42111561275957602081015160405163f4cab66960e01b81526001600160401b039091166004820152602401610a02565b505f90815260208190526040902080546001600160801b0319169055565b610100825111156127a0578151604051630ca8cb6960e11b8152600401610a0291815260200190565b6010815111156127c857805160405163787993ed60e11b8152600401610a0291815260200190565b5f5b8151811015610e1e5760408282815181106127e7576127e7613065565b6020026020010151511115612836578082828151811061280957612809613065565b60200260200101515160405163e5e8178d60e01b8152600401610a02929190918252602082015260400190565b6001016127ca565b5f81900361284a575050565b601081111561286f5760405163193b488160e31b815260048101829052602401610a02565b5f805b828110156129b3575f84848381811061288d5761288d613065565b6128a39260206040909202019081019150612a5e565b90505f8585848181106128b8576128b8613065565b90506040020160200160208101906128d09190613287565b61ffff1690506001600160a01b03821661290057604051632fbf2b7360e21b815260048101849052602401610a02565b805f036129235760405163d3eeb4b160e01b815260048101849052602401610a02565b5f5b8381101561299957826001600160a01b031687878381811061294957612949613065565b61295f9260206040909202019081019150612a5e565b6001600160a01b03160361299157604051631b76e4e560e11b81526001600160a01b0384166004820152602401610a02565b600101612925565b506129a4818561308c565b93505050806001019050612872565b506127108114610e1e576040516308eeb37960e41b815260048101829052602401610a02565b80356001600160601b0381168114612242575f5ffd5b5f5f60408385031215612a00575f5ffd5b82359150612a10602084016129d9565b90509250929050565b6001600160a01b0381168114612a2d575f5ffd5b50565b5f5f60408385031215612a41575f5ffd5b823591506020830135612a5381612a19565b809150509250929050565b5f60208284031215612a6e575f5ffd5b813561186f81612a19565b5f5f5f60408486031215612a8b575f5ffd5b83356001600160401b03811115612aa0575f5ffd5b8401601f81018613612ab0575f5ffd5b80356001600160401b03811115612ac5575f5ffd5b8660208260051b8401011115612ad9575f5ffd5b602091820194509250840135612aee81612a19565b809150509250925092565b634e487b7160e01b5f52604160045260245ffd5b604051601f8201601f191681016001600160401b0381118282101715612b3557612b35612af9565b604052919050565b5f82601f830112612b4c575f5ffd5b81356001600160401b03811115612b6557612b65612af9565b612b78601f8201601f1916602001612b0d565b818152846020838601011115612b8c575f5ffd5b816020850160208301375f918101602001919091529392505050565b5f82601f830112612bb7575f5ffd5b81356001600160401b03811115612bd057612bd0612af9565b8060051b612be060208201612b0d565b91825260208185018101929081019086841115612bfb575f5ffd5b6020860192505b83831015612c405782356001600160401b03811115612c1f575f5ffd5b612c2e886020838a0101612b3d565b83525060209283019290910190612c02565b9695505050505050565b80358015158114612242575f5ffd5b5f5f83601f840112612c69575f5ffd5b5081356001600160401b03811115612c7f575f5ffd5b6020830191508360208260061b8501011115612c99575f5ffd5b9250929050565b5f5f83601f840112612cb0575f5ffd5b5081356001600160401b03811115612cc6575f5ffd5b60208301915083602060a083028501011115612c99575f5ffd5b5f5f5f5f5f5f5f5f5f5f6101008b8d031215612cfa575f5ffd5b8a35995060208b0135985060408b01356001600160401b03811115612d1d575f5ffd5b612d298d828e01612b3d565b98505060608b01356001600160401b03811115612d44575f5ffd5b612d508d828e01612ba8565b97505060808b01359550612d6660a08c01612c4a565b945060c08b01356001600160401b03811115612d80575f5ffd5b612d8c8d828e01612c59565b90955093505060e08b01356001600160401b03811115612daa575f5ffd5b612db68d828e01612ca0565b915080935050809150509295989b9194979a5092959850565b5f60208284031215612ddf575f5ffd5b5035919050565b80356001600160401b0381168114612242575f5ffd5b5f5f5f60608486031215612e0e575f5ffd5b833592506020840135612e2081612a19565b9150612e2e60408501612de6565b90509250925092565b5f5f5f60608486031215612e49575f5ffd5b833592506020840135612e5b81612a19565b929592945050506040919091013590565b5f5f5f5f60808587031215612e7f575f5ffd5b843593506020850135612e9181612a19565b9250612e9f60408601612de6565b9396929550929360600135925050565b803563ffffffff81168114612242575f5ffd5b5f5f5f60608486031215612ed4575f5ffd5b83359250612e5b60208501612eaf565b5f5f82840360c0811215612ef6575f5ffd5b8335925060a0601f1982011215612f0b575f5ffd5b506020830190509250929050565b5f5f60408385031215612f2a575f5ffd5b82359150612a1060208401612c4a565b5f5f60408385031215612f4b575f5ffd5b82359150612a1060208401612eaf565b5f60e0820190506001600160601b0383511682526001600160401b03602084015116602083015263ffffffff604084015116604083015260608301511515606083015261ffff608084015116608083015260a0830151612fc360a084018263ffffffff169052565b5060c083015161183260c084018215159052565b602080825282518282018190525f918401906040840190835b8181101561302757835180516001600160a01b0316845260209081015161ffff168185015290930192604090920191600101612ff0565b509095945050505050565b634e487b7160e01b5f52601160045260245ffd5b6001600160401b038181168382160190811115610bbb57610bbb613032565b634e487b7160e01b5f52603260045260245ffd5b81810381811115610bbb57610bbb613032565b80820180821115610bbb57610bbb613032565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b61ffff81168114612a2d575f5ffd5b8183526020830192505f815f5b848110156131315781356130fc81612a19565b6001600160a01b031686526020820135613115816130cd565b61ffff16602087015260409586019591909101906001016130e9565b5093949350505050565b60a081525f61314d60a083018961309f565b828103602084015280885180835260208301915060208160051b84010160208b015f5b838110156131a257601f1986840301855261318c83835161309f565b6020958601959093509190910190600101613170565b50508960408701526131b8606087018a15159052565b85810360808701526131cb81888a6130dc565b9c9b505050505050505050505050565b8082028115828204841417610bbb57610bbb613032565b5f8261320c57634e487b7160e01b5f52601260045260245ffd5b500490565b63ffffffff8181168382160190811115610bbb57610bbb613032565b813561323881612a19565b81546001600160a01b031981166001600160a01b039290921691821783556020840135613264816130cd565b6001600160b01b03199190911690911760a09190911b61ffff60a01b1617905550565b5f60208284031215613297575f5ffd5b813561186f816130cd565b5f602082840312156132b2575f5ffd5b61186f826129d9565b5f602082840312156132cb575f5ffd5b61186f82612de6565b5f602082840312156132e4575f5ffd5b61186f82612eaf565b5f602082840312156132fd575f5ffd5b61186f82612c4a56",
}

// EssaimRegistry is an auto generated Go binding around an Ethereum contract.
type EssaimRegistry struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *EssaimRegistry) GetABI() abi.ABI {
	return c.abi
}

// NewEssaimRegistry creates a new instance of EssaimRegistry.
func NewEssaimRegistry() *EssaimRegistry {
	parsed, err := EssaimRegistryMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &EssaimRegistry{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *EssaimRegistry) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackMAXCOMMITAGE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbcedc05f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_COMMIT_AGE() view returns(uint256)
func (essaimRegistry *EssaimRegistry) PackMAXCOMMITAGE() []byte {
	enc, err := essaimRegistry.abi.Pack("MAX_COMMIT_AGE")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXCOMMITAGE is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbcedc05f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_COMMIT_AGE() view returns(uint256)
func (essaimRegistry *EssaimRegistry) TryPackMAXCOMMITAGE() ([]byte, error) {
	return essaimRegistry.abi.Pack("MAX_COMMIT_AGE")
}

// UnpackMAXCOMMITAGE is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xbcedc05f.
//
// Solidity: function MAX_COMMIT_AGE() view returns(uint256)
func (essaimRegistry *EssaimRegistry) UnpackMAXCOMMITAGE(data []byte) (*big.Int, error) {
	out, err := essaimRegistry.abi.Unpack("MAX_COMMIT_AGE", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMAXOFFERSPERCALL is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0a686a00.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_OFFERS_PER_CALL() view returns(uint256)
func (essaimRegistry *EssaimRegistry) PackMAXOFFERSPERCALL() []byte {
	enc, err := essaimRegistry.abi.Pack("MAX_OFFERS_PER_CALL")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXOFFERSPERCALL is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0a686a00.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_OFFERS_PER_CALL() view returns(uint256)
func (essaimRegistry *EssaimRegistry) TryPackMAXOFFERSPERCALL() ([]byte, error) {
	return essaimRegistry.abi.Pack("MAX_OFFERS_PER_CALL")
}

// UnpackMAXOFFERSPERCALL is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0a686a00.
//
// Solidity: function MAX_OFFERS_PER_CALL() view returns(uint256)
func (essaimRegistry *EssaimRegistry) UnpackMAXOFFERSPERCALL(data []byte) (*big.Int, error) {
	out, err := essaimRegistry.abi.Unpack("MAX_OFFERS_PER_CALL", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMAXSPLITS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb48210ca.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_SPLITS() view returns(uint256)
func (essaimRegistry *EssaimRegistry) PackMAXSPLITS() []byte {
	enc, err := essaimRegistry.abi.Pack("MAX_SPLITS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXSPLITS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb48210ca.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_SPLITS() view returns(uint256)
func (essaimRegistry *EssaimRegistry) TryPackMAXSPLITS() ([]byte, error) {
	return essaimRegistry.abi.Pack("MAX_SPLITS")
}

// UnpackMAXSPLITS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb48210ca.
//
// Solidity: function MAX_SPLITS() view returns(uint256)
func (essaimRegistry *EssaimRegistry) UnpackMAXSPLITS(data []byte) (*big.Int, error) {
	out, err := essaimRegistry.abi.Unpack("MAX_SPLITS", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMAXTAGS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcce67226.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_TAGS() view returns(uint256)
func (essaimRegistry *EssaimRegistry) PackMAXTAGS() []byte {
	enc, err := essaimRegistry.abi.Pack("MAX_TAGS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXTAGS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcce67226.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_TAGS() view returns(uint256)
func (essaimRegistry *EssaimRegistry) TryPackMAXTAGS() ([]byte, error) {
	return essaimRegistry.abi.Pack("MAX_TAGS")
}

// UnpackMAXTAGS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xcce67226.
//
// Solidity: function MAX_TAGS() view returns(uint256)
func (essaimRegistry *EssaimRegistry) UnpackMAXTAGS(data []byte) (*big.Int, error) {
	out, err := essaimRegistry.abi.Unpack("MAX_TAGS", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMAXTAGBYTES is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc1c7816e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_TAG_BYTES() view returns(uint256)
func (essaimRegistry *EssaimRegistry) PackMAXTAGBYTES() []byte {
	enc, err := essaimRegistry.abi.Pack("MAX_TAG_BYTES")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXTAGBYTES is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc1c7816e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_TAG_BYTES() view returns(uint256)
func (essaimRegistry *EssaimRegistry) TryPackMAXTAGBYTES() ([]byte, error) {
	return essaimRegistry.abi.Pack("MAX_TAG_BYTES")
}

// UnpackMAXTAGBYTES is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc1c7816e.
//
// Solidity: function MAX_TAG_BYTES() view returns(uint256)
func (essaimRegistry *EssaimRegistry) UnpackMAXTAGBYTES(data []byte) (*big.Int, error) {
	out, err := essaimRegistry.abi.Unpack("MAX_TAG_BYTES", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMAXTITLEBYTES is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x91836003.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_TITLE_BYTES() view returns(uint256)
func (essaimRegistry *EssaimRegistry) PackMAXTITLEBYTES() []byte {
	enc, err := essaimRegistry.abi.Pack("MAX_TITLE_BYTES")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXTITLEBYTES is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x91836003.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_TITLE_BYTES() view returns(uint256)
func (essaimRegistry *EssaimRegistry) TryPackMAXTITLEBYTES() ([]byte, error) {
	return essaimRegistry.abi.Pack("MAX_TITLE_BYTES")
}

// UnpackMAXTITLEBYTES is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x91836003.
//
// Solidity: function MAX_TITLE_BYTES() view returns(uint256)
func (essaimRegistry *EssaimRegistry) UnpackMAXTITLEBYTES(data []byte) (*big.Int, error) {
	out, err := essaimRegistry.abi.Unpack("MAX_TITLE_BYTES", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackPERPETUAL is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf0e3ee0e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function PERPETUAL() view returns(uint64)
func (essaimRegistry *EssaimRegistry) PackPERPETUAL() []byte {
	enc, err := essaimRegistry.abi.Pack("PERPETUAL")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPERPETUAL is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf0e3ee0e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function PERPETUAL() view returns(uint64)
func (essaimRegistry *EssaimRegistry) TryPackPERPETUAL() ([]byte, error) {
	return essaimRegistry.abi.Pack("PERPETUAL")
}

// UnpackPERPETUAL is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf0e3ee0e.
//
// Solidity: function PERPETUAL() view returns(uint64)
func (essaimRegistry *EssaimRegistry) UnpackPERPETUAL(data []byte) (uint64, error) {
	out, err := essaimRegistry.abi.Unpack("PERPETUAL", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackTOTALBPS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd3cd52bc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function TOTAL_BPS() view returns(uint256)
func (essaimRegistry *EssaimRegistry) PackTOTALBPS() []byte {
	enc, err := essaimRegistry.abi.Pack("TOTAL_BPS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTOTALBPS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd3cd52bc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function TOTAL_BPS() view returns(uint256)
func (essaimRegistry *EssaimRegistry) TryPackTOTALBPS() ([]byte, error) {
	return essaimRegistry.abi.Pack("TOTAL_BPS")
}

// UnpackTOTALBPS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd3cd52bc.
//
// Solidity: function TOTAL_BPS() view returns(uint256)
func (essaimRegistry *EssaimRegistry) UnpackTOTALBPS(data []byte) (*big.Int, error) {
	out, err := essaimRegistry.abi.Unpack("TOTAL_BPS", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackAddOffer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa59c6495.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addOffer(bytes32 root, (uint96,uint64,uint32,bool,uint16) terms) returns(uint32 offerId)
func (essaimRegistry *EssaimRegistry) PackAddOffer(root [32]byte, terms IEssaimRegistryOfferTerms) []byte {
	enc, err := essaimRegistry.abi.Pack("addOffer", root, terms)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddOffer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa59c6495.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addOffer(bytes32 root, (uint96,uint64,uint32,bool,uint16) terms) returns(uint32 offerId)
func (essaimRegistry *EssaimRegistry) TryPackAddOffer(root [32]byte, terms IEssaimRegistryOfferTerms) ([]byte, error) {
	return essaimRegistry.abi.Pack("addOffer", root, terms)
}

// UnpackAddOffer is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa59c6495.
//
// Solidity: function addOffer(bytes32 root, (uint96,uint64,uint32,bool,uint16) terms) returns(uint32 offerId)
func (essaimRegistry *EssaimRegistry) UnpackAddOffer(data []byte) (uint32, error) {
	out, err := essaimRegistry.abi.Unpack("addOffer", data)
	if err != nil {
		return *new(uint32), err
	}
	out0 := *abi.ConvertType(out[0], new(uint32)).(*uint32)
	return out0, nil
}

// PackBuy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9a407348.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function buy(bytes32 root, uint32 offerId, uint256 maxPrice) payable returns()
func (essaimRegistry *EssaimRegistry) PackBuy(root [32]byte, offerId uint32, maxPrice *big.Int) []byte {
	enc, err := essaimRegistry.abi.Pack("buy", root, offerId, maxPrice)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBuy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9a407348.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function buy(bytes32 root, uint32 offerId, uint256 maxPrice) payable returns()
func (essaimRegistry *EssaimRegistry) TryPackBuy(root [32]byte, offerId uint32, maxPrice *big.Int) ([]byte, error) {
	return essaimRegistry.abi.Pack("buy", root, offerId, maxPrice)
}

// PackBuyListing is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9309295d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function buyListing(bytes32 root, address seller, uint64 version, uint256 maxPrice) payable returns()
func (essaimRegistry *EssaimRegistry) PackBuyListing(root [32]byte, seller common.Address, version uint64, maxPrice *big.Int) []byte {
	enc, err := essaimRegistry.abi.Pack("buyListing", root, seller, version, maxPrice)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBuyListing is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9309295d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function buyListing(bytes32 root, address seller, uint64 version, uint256 maxPrice) payable returns()
func (essaimRegistry *EssaimRegistry) TryPackBuyListing(root [32]byte, seller common.Address, version uint64, maxPrice *big.Int) ([]byte, error) {
	return essaimRegistry.abi.Pack("buyListing", root, seller, version, maxPrice)
}

// PackClaimed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdfcae622.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claimed(bytes32 root, address payee) view returns(uint256)
func (essaimRegistry *EssaimRegistry) PackClaimed(root [32]byte, payee common.Address) []byte {
	enc, err := essaimRegistry.abi.Pack("claimed", root, payee)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaimed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdfcae622.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claimed(bytes32 root, address payee) view returns(uint256)
func (essaimRegistry *EssaimRegistry) TryPackClaimed(root [32]byte, payee common.Address) ([]byte, error) {
	return essaimRegistry.abi.Pack("claimed", root, payee)
}

// UnpackClaimed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdfcae622.
//
// Solidity: function claimed(bytes32 root, address payee) view returns(uint256)
func (essaimRegistry *EssaimRegistry) UnpackClaimed(data []byte) (*big.Int, error) {
	out, err := essaimRegistry.abi.Unpack("claimed", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackCommit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf14fcbc8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function commit(bytes32 commitment) returns()
func (essaimRegistry *EssaimRegistry) PackCommit(commitment [32]byte) []byte {
	enc, err := essaimRegistry.abi.Pack("commit", commitment)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCommit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf14fcbc8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function commit(bytes32 commitment) returns()
func (essaimRegistry *EssaimRegistry) TryPackCommit(commitment [32]byte) ([]byte, error) {
	return essaimRegistry.abi.Pack("commit", commitment)
}

// PackCommitments is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x839df945.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function commitments(bytes32 commitment) view returns((uint64,uint64))
func (essaimRegistry *EssaimRegistry) PackCommitments(commitment [32]byte) []byte {
	enc, err := essaimRegistry.abi.Pack("commitments", commitment)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCommitments is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x839df945.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function commitments(bytes32 commitment) view returns((uint64,uint64))
func (essaimRegistry *EssaimRegistry) TryPackCommitments(commitment [32]byte) ([]byte, error) {
	return essaimRegistry.abi.Pack("commitments", commitment)
}

// UnpackCommitments is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x839df945.
//
// Solidity: function commitments(bytes32 commitment) view returns((uint64,uint64))
func (essaimRegistry *EssaimRegistry) UnpackCommitments(data []byte) (IEssaimRegistryCommitment, error) {
	out, err := essaimRegistry.abi.Unpack("commitments", data)
	if err != nil {
		return *new(IEssaimRegistryCommitment), err
	}
	out0 := *abi.ConvertType(out[0], new(IEssaimRegistryCommitment)).(*IEssaimRegistryCommitment)
	return out0, nil
}

// PackComputeCommitment is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x81535d72.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function computeCommitment(bytes32 root, address creator, bytes32 salt) pure returns(bytes32)
func (essaimRegistry *EssaimRegistry) PackComputeCommitment(root [32]byte, creator common.Address, salt [32]byte) []byte {
	enc, err := essaimRegistry.abi.Pack("computeCommitment", root, creator, salt)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackComputeCommitment is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x81535d72.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function computeCommitment(bytes32 root, address creator, bytes32 salt) pure returns(bytes32)
func (essaimRegistry *EssaimRegistry) TryPackComputeCommitment(root [32]byte, creator common.Address, salt [32]byte) ([]byte, error) {
	return essaimRegistry.abi.Pack("computeCommitment", root, creator, salt)
}

// UnpackComputeCommitment is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x81535d72.
//
// Solidity: function computeCommitment(bytes32 root, address creator, bytes32 salt) pure returns(bytes32)
func (essaimRegistry *EssaimRegistry) UnpackComputeCommitment(data []byte) ([32]byte, error) {
	out, err := essaimRegistry.abi.Unpack("computeCommitment", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackGrant is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x647e1bc5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function grant(bytes32 root, address to, uint64 duration) returns()
func (essaimRegistry *EssaimRegistry) PackGrant(root [32]byte, to common.Address, duration uint64) []byte {
	enc, err := essaimRegistry.abi.Pack("grant", root, to, duration)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGrant is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x647e1bc5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function grant(bytes32 root, address to, uint64 duration) returns()
func (essaimRegistry *EssaimRegistry) TryPackGrant(root [32]byte, to common.Address, duration uint64) ([]byte, error) {
	return essaimRegistry.abi.Pack("grant", root, to, duration)
}

// PackHasValidLicense is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1b15ea24.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function hasValidLicense(bytes32 root, address account) view returns(bool)
func (essaimRegistry *EssaimRegistry) PackHasValidLicense(root [32]byte, account common.Address) []byte {
	enc, err := essaimRegistry.abi.Pack("hasValidLicense", root, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackHasValidLicense is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1b15ea24.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function hasValidLicense(bytes32 root, address account) view returns(bool)
func (essaimRegistry *EssaimRegistry) TryPackHasValidLicense(root [32]byte, account common.Address) ([]byte, error) {
	return essaimRegistry.abi.Pack("hasValidLicense", root, account)
}

// UnpackHasValidLicense is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1b15ea24.
//
// Solidity: function hasValidLicense(bytes32 root, address account) view returns(bool)
func (essaimRegistry *EssaimRegistry) UnpackHasValidLicense(data []byte) (bool, error) {
	out, err := essaimRegistry.abi.Unpack("hasValidLicense", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackLicenses is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x66b1eceb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function licenses(bytes32 root, address account) view returns((uint64,bool,uint16))
func (essaimRegistry *EssaimRegistry) PackLicenses(root [32]byte, account common.Address) []byte {
	enc, err := essaimRegistry.abi.Pack("licenses", root, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLicenses is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x66b1eceb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function licenses(bytes32 root, address account) view returns((uint64,bool,uint16))
func (essaimRegistry *EssaimRegistry) TryPackLicenses(root [32]byte, account common.Address) ([]byte, error) {
	return essaimRegistry.abi.Pack("licenses", root, account)
}

// UnpackLicenses is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x66b1eceb.
//
// Solidity: function licenses(bytes32 root, address account) view returns((uint64,bool,uint16))
func (essaimRegistry *EssaimRegistry) UnpackLicenses(data []byte) (IEssaimRegistryLicense, error) {
	out, err := essaimRegistry.abi.Unpack("licenses", data)
	if err != nil {
		return *new(IEssaimRegistryLicense), err
	}
	out0 := *abi.ConvertType(out[0], new(IEssaimRegistryLicense)).(*IEssaimRegistryLicense)
	return out0, nil
}

// PackList is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0325884d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function list(bytes32 root, uint96 price) returns(uint64 version)
func (essaimRegistry *EssaimRegistry) PackList(root [32]byte, price *big.Int) []byte {
	enc, err := essaimRegistry.abi.Pack("list", root, price)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackList is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0325884d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function list(bytes32 root, uint96 price) returns(uint64 version)
func (essaimRegistry *EssaimRegistry) TryPackList(root [32]byte, price *big.Int) ([]byte, error) {
	return essaimRegistry.abi.Pack("list", root, price)
}

// UnpackList is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0325884d.
//
// Solidity: function list(bytes32 root, uint96 price) returns(uint64 version)
func (essaimRegistry *EssaimRegistry) UnpackList(data []byte) (uint64, error) {
	out, err := essaimRegistry.abi.Unpack("list", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackListings is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x65f7e3bb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function listings(bytes32 root, address seller) view returns((uint96,uint64,bool))
func (essaimRegistry *EssaimRegistry) PackListings(root [32]byte, seller common.Address) []byte {
	enc, err := essaimRegistry.abi.Pack("listings", root, seller)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackListings is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x65f7e3bb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function listings(bytes32 root, address seller) view returns((uint96,uint64,bool))
func (essaimRegistry *EssaimRegistry) TryPackListings(root [32]byte, seller common.Address) ([]byte, error) {
	return essaimRegistry.abi.Pack("listings", root, seller)
}

// UnpackListings is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x65f7e3bb.
//
// Solidity: function listings(bytes32 root, address seller) view returns((uint96,uint64,bool))
func (essaimRegistry *EssaimRegistry) UnpackListings(data []byte) (IEssaimRegistryListing, error) {
	out, err := essaimRegistry.abi.Unpack("listings", data)
	if err != nil {
		return *new(IEssaimRegistryListing), err
	}
	out0 := *abi.ConvertType(out[0], new(IEssaimRegistryListing)).(*IEssaimRegistryListing)
	return out0, nil
}

// PackOffers is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xab6b7e7d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function offers(bytes32 root, uint32 offerId) view returns((uint96,uint64,uint32,bool,uint16,uint32,bool))
func (essaimRegistry *EssaimRegistry) PackOffers(root [32]byte, offerId uint32) []byte {
	enc, err := essaimRegistry.abi.Pack("offers", root, offerId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOffers is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xab6b7e7d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function offers(bytes32 root, uint32 offerId) view returns((uint96,uint64,uint32,bool,uint16,uint32,bool))
func (essaimRegistry *EssaimRegistry) TryPackOffers(root [32]byte, offerId uint32) ([]byte, error) {
	return essaimRegistry.abi.Pack("offers", root, offerId)
}

// UnpackOffers is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xab6b7e7d.
//
// Solidity: function offers(bytes32 root, uint32 offerId) view returns((uint96,uint64,uint32,bool,uint16,uint32,bool))
func (essaimRegistry *EssaimRegistry) UnpackOffers(data []byte) (IEssaimRegistryOffer, error) {
	out, err := essaimRegistry.abi.Unpack("offers", data)
	if err != nil {
		return *new(IEssaimRegistryOffer), err
	}
	out0 := *abi.ConvertType(out[0], new(IEssaimRegistryOffer)).(*IEssaimRegistryOffer)
	return out0, nil
}

// PackOwed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa7bd6f1b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owed(bytes32 root, address payee) view returns(uint256)
func (essaimRegistry *EssaimRegistry) PackOwed(root [32]byte, payee common.Address) []byte {
	enc, err := essaimRegistry.abi.Pack("owed", root, payee)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa7bd6f1b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owed(bytes32 root, address payee) view returns(uint256)
func (essaimRegistry *EssaimRegistry) TryPackOwed(root [32]byte, payee common.Address) ([]byte, error) {
	return essaimRegistry.abi.Pack("owed", root, payee)
}

// UnpackOwed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa7bd6f1b.
//
// Solidity: function owed(bytes32 root, address payee) view returns(uint256)
func (essaimRegistry *EssaimRegistry) UnpackOwed(data []byte) (*big.Int, error) {
	out, err := essaimRegistry.abi.Unpack("owed", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackProceeds is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x35adde54.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function proceeds(address account) view returns(uint256)
func (essaimRegistry *EssaimRegistry) PackProceeds(account common.Address) []byte {
	enc, err := essaimRegistry.abi.Pack("proceeds", account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackProceeds is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x35adde54.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function proceeds(address account) view returns(uint256)
func (essaimRegistry *EssaimRegistry) TryPackProceeds(account common.Address) ([]byte, error) {
	return essaimRegistry.abi.Pack("proceeds", account)
}

// UnpackProceeds is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x35adde54.
//
// Solidity: function proceeds(address account) view returns(uint256)
func (essaimRegistry *EssaimRegistry) UnpackProceeds(data []byte) (*big.Int, error) {
	out, err := essaimRegistry.abi.Unpack("proceeds", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackRegister is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3ae0052a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function register(bytes32 root, bytes32 salt, string title, string[] tags, bytes32 metadataHash, bool open, (address,uint16)[] splits, (uint96,uint64,uint32,bool,uint16)[] offerTerms) returns()
func (essaimRegistry *EssaimRegistry) PackRegister(root [32]byte, salt [32]byte, title string, tags []string, metadataHash [32]byte, open bool, splits []IEssaimRegistrySplit, offerTerms []IEssaimRegistryOfferTerms) []byte {
	enc, err := essaimRegistry.abi.Pack("register", root, salt, title, tags, metadataHash, open, splits, offerTerms)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegister is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3ae0052a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function register(bytes32 root, bytes32 salt, string title, string[] tags, bytes32 metadataHash, bool open, (address,uint16)[] splits, (uint96,uint64,uint32,bool,uint16)[] offerTerms) returns()
func (essaimRegistry *EssaimRegistry) TryPackRegister(root [32]byte, salt [32]byte, title string, tags []string, metadataHash [32]byte, open bool, splits []IEssaimRegistrySplit, offerTerms []IEssaimRegistryOfferTerms) ([]byte, error) {
	return essaimRegistry.abi.Pack("register", root, salt, title, tags, metadataHash, open, splits, offerTerms)
}

// PackRetireOffer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd4e84a62.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function retireOffer(bytes32 root, uint32 offerId) returns()
func (essaimRegistry *EssaimRegistry) PackRetireOffer(root [32]byte, offerId uint32) []byte {
	enc, err := essaimRegistry.abi.Pack("retireOffer", root, offerId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRetireOffer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd4e84a62.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function retireOffer(bytes32 root, uint32 offerId) returns()
func (essaimRegistry *EssaimRegistry) TryPackRetireOffer(root [32]byte, offerId uint32) ([]byte, error) {
	return essaimRegistry.abi.Pack("retireOffer", root, offerId)
}

// PackRevenue is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fccdea.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revenue(bytes32 root) view returns(uint256)
func (essaimRegistry *EssaimRegistry) PackRevenue(root [32]byte) []byte {
	enc, err := essaimRegistry.abi.Pack("revenue", root)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevenue is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fccdea.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revenue(bytes32 root) view returns(uint256)
func (essaimRegistry *EssaimRegistry) TryPackRevenue(root [32]byte) ([]byte, error) {
	return essaimRegistry.abi.Pack("revenue", root)
}

// UnpackRevenue is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf2fccdea.
//
// Solidity: function revenue(bytes32 root) view returns(uint256)
func (essaimRegistry *EssaimRegistry) UnpackRevenue(data []byte) (*big.Int, error) {
	out, err := essaimRegistry.abi.Unpack("revenue", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackSetOpen is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa7d9605a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setOpen(bytes32 root, bool open) returns()
func (essaimRegistry *EssaimRegistry) PackSetOpen(root [32]byte, open bool) []byte {
	enc, err := essaimRegistry.abi.Pack("setOpen", root, open)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetOpen is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa7d9605a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setOpen(bytes32 root, bool open) returns()
func (essaimRegistry *EssaimRegistry) TryPackSetOpen(root [32]byte, open bool) ([]byte, error) {
	return essaimRegistry.abi.Pack("setOpen", root, open)
}

// PackSplitsOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb92be3fe.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function splitsOf(bytes32 root) view returns((address,uint16)[])
func (essaimRegistry *EssaimRegistry) PackSplitsOf(root [32]byte) []byte {
	enc, err := essaimRegistry.abi.Pack("splitsOf", root)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSplitsOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb92be3fe.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function splitsOf(bytes32 root) view returns((address,uint16)[])
func (essaimRegistry *EssaimRegistry) TryPackSplitsOf(root [32]byte) ([]byte, error) {
	return essaimRegistry.abi.Pack("splitsOf", root)
}

// UnpackSplitsOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb92be3fe.
//
// Solidity: function splitsOf(bytes32 root) view returns((address,uint16)[])
func (essaimRegistry *EssaimRegistry) UnpackSplitsOf(data []byte) ([]IEssaimRegistrySplit, error) {
	out, err := essaimRegistry.abi.Unpack("splitsOf", data)
	if err != nil {
		return *new([]IEssaimRegistrySplit), err
	}
	out0 := *abi.ConvertType(out[0], new([]IEssaimRegistrySplit)).(*[]IEssaimRegistrySplit)
	return out0, nil
}

// PackTransferLicense is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7ef736d9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferLicense(bytes32 root, address to) returns()
func (essaimRegistry *EssaimRegistry) PackTransferLicense(root [32]byte, to common.Address) []byte {
	enc, err := essaimRegistry.abi.Pack("transferLicense", root, to)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferLicense is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7ef736d9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferLicense(bytes32 root, address to) returns()
func (essaimRegistry *EssaimRegistry) TryPackTransferLicense(root [32]byte, to common.Address) ([]byte, error) {
	return essaimRegistry.abi.Pack("transferLicense", root, to)
}

// PackUnlist is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbc40a277.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function unlist(bytes32 root) returns()
func (essaimRegistry *EssaimRegistry) PackUnlist(root [32]byte) []byte {
	enc, err := essaimRegistry.abi.Pack("unlist", root)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUnlist is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbc40a277.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function unlist(bytes32 root) returns()
func (essaimRegistry *EssaimRegistry) TryPackUnlist(root [32]byte) ([]byte, error) {
	return essaimRegistry.abi.Pack("unlist", root)
}

// PackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x38be5592.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdraw(bytes32[] roots, address to) returns()
func (essaimRegistry *EssaimRegistry) PackWithdraw(roots [][32]byte, to common.Address) []byte {
	enc, err := essaimRegistry.abi.Pack("withdraw", roots, to)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x38be5592.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdraw(bytes32[] roots, address to) returns()
func (essaimRegistry *EssaimRegistry) TryPackWithdraw(roots [][32]byte, to common.Address) ([]byte, error) {
	return essaimRegistry.abi.Pack("withdraw", roots, to)
}

// PackWorks is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x56da5037.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function works(bytes32 root) view returns((address,bool,uint32,uint48))
func (essaimRegistry *EssaimRegistry) PackWorks(root [32]byte) []byte {
	enc, err := essaimRegistry.abi.Pack("works", root)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWorks is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x56da5037.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function works(bytes32 root) view returns((address,bool,uint32,uint48))
func (essaimRegistry *EssaimRegistry) TryPackWorks(root [32]byte) ([]byte, error) {
	return essaimRegistry.abi.Pack("works", root)
}

// UnpackWorks is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x56da5037.
//
// Solidity: function works(bytes32 root) view returns((address,bool,uint32,uint48))
func (essaimRegistry *EssaimRegistry) UnpackWorks(data []byte) (IEssaimRegistryWork, error) {
	out, err := essaimRegistry.abi.Unpack("works", data)
	if err != nil {
		return *new(IEssaimRegistryWork), err
	}
	out0 := *abi.ConvertType(out[0], new(IEssaimRegistryWork)).(*IEssaimRegistryWork)
	return out0, nil
}

// EssaimRegistryCommitted represents a Committed event raised by the EssaimRegistry contract.
type EssaimRegistryCommitted struct {
	Commitment [32]byte
	Committer  common.Address
	Raw        *types.Log // Blockchain specific contextual infos
}

const EssaimRegistryCommittedEventName = "Committed"

// ContractEventName returns the user-defined event name.
func (EssaimRegistryCommitted) ContractEventName() string {
	return EssaimRegistryCommittedEventName
}

// UnpackCommittedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Committed(bytes32 indexed commitment, address indexed committer)
func (essaimRegistry *EssaimRegistry) UnpackCommittedEvent(log *types.Log) (*EssaimRegistryCommitted, error) {
	event := "Committed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != essaimRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(EssaimRegistryCommitted)
	if len(log.Data) > 0 {
		if err := essaimRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range essaimRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// EssaimRegistryLicenseGranted represents a LicenseGranted event raised by the EssaimRegistry contract.
type EssaimRegistryLicenseGranted struct {
	Root   [32]byte
	To     common.Address
	Expiry uint64
	Raw    *types.Log // Blockchain specific contextual infos
}

const EssaimRegistryLicenseGrantedEventName = "LicenseGranted"

// ContractEventName returns the user-defined event name.
func (EssaimRegistryLicenseGranted) ContractEventName() string {
	return EssaimRegistryLicenseGrantedEventName
}

// UnpackLicenseGrantedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event LicenseGranted(bytes32 indexed root, address indexed to, uint64 expiry)
func (essaimRegistry *EssaimRegistry) UnpackLicenseGrantedEvent(log *types.Log) (*EssaimRegistryLicenseGranted, error) {
	event := "LicenseGranted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != essaimRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(EssaimRegistryLicenseGranted)
	if len(log.Data) > 0 {
		if err := essaimRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range essaimRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// EssaimRegistryLicenseListed represents a LicenseListed event raised by the EssaimRegistry contract.
type EssaimRegistryLicenseListed struct {
	Root    [32]byte
	Seller  common.Address
	Price   *big.Int
	Version uint64
	Raw     *types.Log // Blockchain specific contextual infos
}

const EssaimRegistryLicenseListedEventName = "LicenseListed"

// ContractEventName returns the user-defined event name.
func (EssaimRegistryLicenseListed) ContractEventName() string {
	return EssaimRegistryLicenseListedEventName
}

// UnpackLicenseListedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event LicenseListed(bytes32 indexed root, address indexed seller, uint256 price, uint64 version)
func (essaimRegistry *EssaimRegistry) UnpackLicenseListedEvent(log *types.Log) (*EssaimRegistryLicenseListed, error) {
	event := "LicenseListed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != essaimRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(EssaimRegistryLicenseListed)
	if len(log.Data) > 0 {
		if err := essaimRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range essaimRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// EssaimRegistryLicensePurchased represents a LicensePurchased event raised by the EssaimRegistry contract.
type EssaimRegistryLicensePurchased struct {
	Root         [32]byte
	Buyer        common.Address
	OfferId      uint32
	PricePaid    *big.Int
	Expiry       uint64
	Transferable bool
	Raw          *types.Log // Blockchain specific contextual infos
}

const EssaimRegistryLicensePurchasedEventName = "LicensePurchased"

// ContractEventName returns the user-defined event name.
func (EssaimRegistryLicensePurchased) ContractEventName() string {
	return EssaimRegistryLicensePurchasedEventName
}

// UnpackLicensePurchasedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event LicensePurchased(bytes32 indexed root, address indexed buyer, uint32 indexed offerId, uint256 pricePaid, uint64 expiry, bool transferable)
func (essaimRegistry *EssaimRegistry) UnpackLicensePurchasedEvent(log *types.Log) (*EssaimRegistryLicensePurchased, error) {
	event := "LicensePurchased"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != essaimRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(EssaimRegistryLicensePurchased)
	if len(log.Data) > 0 {
		if err := essaimRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range essaimRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// EssaimRegistryLicenseResold represents a LicenseResold event raised by the EssaimRegistry contract.
type EssaimRegistryLicenseResold struct {
	Root    [32]byte
	Seller  common.Address
	Buyer   common.Address
	Price   *big.Int
	Royalty *big.Int
	Expiry  uint64
	Raw     *types.Log // Blockchain specific contextual infos
}

const EssaimRegistryLicenseResoldEventName = "LicenseResold"

// ContractEventName returns the user-defined event name.
func (EssaimRegistryLicenseResold) ContractEventName() string {
	return EssaimRegistryLicenseResoldEventName
}

// UnpackLicenseResoldEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event LicenseResold(bytes32 indexed root, address indexed seller, address indexed buyer, uint256 price, uint256 royalty, uint64 expiry)
func (essaimRegistry *EssaimRegistry) UnpackLicenseResoldEvent(log *types.Log) (*EssaimRegistryLicenseResold, error) {
	event := "LicenseResold"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != essaimRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(EssaimRegistryLicenseResold)
	if len(log.Data) > 0 {
		if err := essaimRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range essaimRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// EssaimRegistryLicenseTransferred represents a LicenseTransferred event raised by the EssaimRegistry contract.
type EssaimRegistryLicenseTransferred struct {
	Root   [32]byte
	From   common.Address
	To     common.Address
	Expiry uint64
	Raw    *types.Log // Blockchain specific contextual infos
}

const EssaimRegistryLicenseTransferredEventName = "LicenseTransferred"

// ContractEventName returns the user-defined event name.
func (EssaimRegistryLicenseTransferred) ContractEventName() string {
	return EssaimRegistryLicenseTransferredEventName
}

// UnpackLicenseTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event LicenseTransferred(bytes32 indexed root, address indexed from, address indexed to, uint64 expiry)
func (essaimRegistry *EssaimRegistry) UnpackLicenseTransferredEvent(log *types.Log) (*EssaimRegistryLicenseTransferred, error) {
	event := "LicenseTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != essaimRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(EssaimRegistryLicenseTransferred)
	if len(log.Data) > 0 {
		if err := essaimRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range essaimRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// EssaimRegistryLicenseUnlisted represents a LicenseUnlisted event raised by the EssaimRegistry contract.
type EssaimRegistryLicenseUnlisted struct {
	Root    [32]byte
	Seller  common.Address
	Version uint64
	Raw     *types.Log // Blockchain specific contextual infos
}

const EssaimRegistryLicenseUnlistedEventName = "LicenseUnlisted"

// ContractEventName returns the user-defined event name.
func (EssaimRegistryLicenseUnlisted) ContractEventName() string {
	return EssaimRegistryLicenseUnlistedEventName
}

// UnpackLicenseUnlistedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event LicenseUnlisted(bytes32 indexed root, address indexed seller, uint64 version)
func (essaimRegistry *EssaimRegistry) UnpackLicenseUnlistedEvent(log *types.Log) (*EssaimRegistryLicenseUnlisted, error) {
	event := "LicenseUnlisted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != essaimRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(EssaimRegistryLicenseUnlisted)
	if len(log.Data) > 0 {
		if err := essaimRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range essaimRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// EssaimRegistryOfferAdded represents a OfferAdded event raised by the EssaimRegistry contract.
type EssaimRegistryOfferAdded struct {
	Root         [32]byte
	OfferId      uint32
	Price        *big.Int
	Duration     uint64
	Supply       uint32
	Transferable bool
	RoyaltyBps   uint16
	Raw          *types.Log // Blockchain specific contextual infos
}

const EssaimRegistryOfferAddedEventName = "OfferAdded"

// ContractEventName returns the user-defined event name.
func (EssaimRegistryOfferAdded) ContractEventName() string {
	return EssaimRegistryOfferAddedEventName
}

// UnpackOfferAddedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OfferAdded(bytes32 indexed root, uint32 indexed offerId, uint96 price, uint64 duration, uint32 supply, bool transferable, uint16 royaltyBps)
func (essaimRegistry *EssaimRegistry) UnpackOfferAddedEvent(log *types.Log) (*EssaimRegistryOfferAdded, error) {
	event := "OfferAdded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != essaimRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(EssaimRegistryOfferAdded)
	if len(log.Data) > 0 {
		if err := essaimRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range essaimRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// EssaimRegistryOfferRetired represents a OfferRetired event raised by the EssaimRegistry contract.
type EssaimRegistryOfferRetired struct {
	Root    [32]byte
	OfferId uint32
	Raw     *types.Log // Blockchain specific contextual infos
}

const EssaimRegistryOfferRetiredEventName = "OfferRetired"

// ContractEventName returns the user-defined event name.
func (EssaimRegistryOfferRetired) ContractEventName() string {
	return EssaimRegistryOfferRetiredEventName
}

// UnpackOfferRetiredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OfferRetired(bytes32 indexed root, uint32 indexed offerId)
func (essaimRegistry *EssaimRegistry) UnpackOfferRetiredEvent(log *types.Log) (*EssaimRegistryOfferRetired, error) {
	event := "OfferRetired"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != essaimRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(EssaimRegistryOfferRetired)
	if len(log.Data) > 0 {
		if err := essaimRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range essaimRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// EssaimRegistryOpenSet represents a OpenSet event raised by the EssaimRegistry contract.
type EssaimRegistryOpenSet struct {
	Root [32]byte
	Open bool
	Raw  *types.Log // Blockchain specific contextual infos
}

const EssaimRegistryOpenSetEventName = "OpenSet"

// ContractEventName returns the user-defined event name.
func (EssaimRegistryOpenSet) ContractEventName() string {
	return EssaimRegistryOpenSetEventName
}

// UnpackOpenSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OpenSet(bytes32 indexed root, bool open)
func (essaimRegistry *EssaimRegistry) UnpackOpenSetEvent(log *types.Log) (*EssaimRegistryOpenSet, error) {
	event := "OpenSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != essaimRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(EssaimRegistryOpenSet)
	if len(log.Data) > 0 {
		if err := essaimRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range essaimRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// EssaimRegistryProceedsClaimed represents a ProceedsClaimed event raised by the EssaimRegistry contract.
type EssaimRegistryProceedsClaimed struct {
	Account common.Address
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const EssaimRegistryProceedsClaimedEventName = "ProceedsClaimed"

// ContractEventName returns the user-defined event name.
func (EssaimRegistryProceedsClaimed) ContractEventName() string {
	return EssaimRegistryProceedsClaimedEventName
}

// UnpackProceedsClaimedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ProceedsClaimed(address indexed account, uint256 amount)
func (essaimRegistry *EssaimRegistry) UnpackProceedsClaimedEvent(log *types.Log) (*EssaimRegistryProceedsClaimed, error) {
	event := "ProceedsClaimed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != essaimRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(EssaimRegistryProceedsClaimed)
	if len(log.Data) > 0 {
		if err := essaimRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range essaimRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// EssaimRegistryRevenueClaimed represents a RevenueClaimed event raised by the EssaimRegistry contract.
type EssaimRegistryRevenueClaimed struct {
	Root   [32]byte
	Payee  common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const EssaimRegistryRevenueClaimedEventName = "RevenueClaimed"

// ContractEventName returns the user-defined event name.
func (EssaimRegistryRevenueClaimed) ContractEventName() string {
	return EssaimRegistryRevenueClaimedEventName
}

// UnpackRevenueClaimedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event RevenueClaimed(bytes32 indexed root, address indexed payee, uint256 amount)
func (essaimRegistry *EssaimRegistry) UnpackRevenueClaimedEvent(log *types.Log) (*EssaimRegistryRevenueClaimed, error) {
	event := "RevenueClaimed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != essaimRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(EssaimRegistryRevenueClaimed)
	if len(log.Data) > 0 {
		if err := essaimRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range essaimRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// EssaimRegistryWithdrawn represents a Withdrawn event raised by the EssaimRegistry contract.
type EssaimRegistryWithdrawn struct {
	Account common.Address
	To      common.Address
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const EssaimRegistryWithdrawnEventName = "Withdrawn"

// ContractEventName returns the user-defined event name.
func (EssaimRegistryWithdrawn) ContractEventName() string {
	return EssaimRegistryWithdrawnEventName
}

// UnpackWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Withdrawn(address indexed account, address indexed to, uint256 amount)
func (essaimRegistry *EssaimRegistry) UnpackWithdrawnEvent(log *types.Log) (*EssaimRegistryWithdrawn, error) {
	event := "Withdrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != essaimRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(EssaimRegistryWithdrawn)
	if len(log.Data) > 0 {
		if err := essaimRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range essaimRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// EssaimRegistryWorkRegistered represents a WorkRegistered event raised by the EssaimRegistry contract.
type EssaimRegistryWorkRegistered struct {
	Root         [32]byte
	Creator      common.Address
	Title        string
	Tags         []string
	MetadataHash [32]byte
	Open         bool
	Splits       []IEssaimRegistrySplit
	Raw          *types.Log // Blockchain specific contextual infos
}

const EssaimRegistryWorkRegisteredEventName = "WorkRegistered"

// ContractEventName returns the user-defined event name.
func (EssaimRegistryWorkRegistered) ContractEventName() string {
	return EssaimRegistryWorkRegisteredEventName
}

// UnpackWorkRegisteredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event WorkRegistered(bytes32 indexed root, address indexed creator, string title, string[] tags, bytes32 metadataHash, bool open, (address,uint16)[] splits)
func (essaimRegistry *EssaimRegistry) UnpackWorkRegisteredEvent(log *types.Log) (*EssaimRegistryWorkRegistered, error) {
	event := "WorkRegistered"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != essaimRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(EssaimRegistryWorkRegistered)
	if len(log.Data) > 0 {
		if err := essaimRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range essaimRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (essaimRegistry *EssaimRegistry) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryAlreadyRegistered"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryAlreadyRegisteredError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryCommitmentExists"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryCommitmentExistsError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryCommitmentExpired"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryCommitmentExpiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryDuplicatePayee"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryDuplicatePayeeError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryInvalidRecipient"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryInvalidRecipientError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryLicenseNotTransferable"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryLicenseNotTransferableError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryListingChanged"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryListingChangedError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryNoCommitment"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryNoCommitmentError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryNoValidLicense"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryNoValidLicenseError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryNonTransferableHeld"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryNonTransferableHeldError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryNotCreator"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryNotCreatorError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryNotListed"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryNotListedError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryNotRegistered"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryNotRegisteredError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryNothingToWithdraw"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryNothingToWithdrawError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryOfferIsRetired"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryOfferIsRetiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryOfferNotFound"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryOfferNotFoundError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryPriceAboveMax"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryPriceAboveMaxError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryRevealTooEarly"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryRevealTooEarlyError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryRoyaltyTooHigh"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryRoyaltyTooHighError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistrySharesNotTotal"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistrySharesNotTotalError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistrySoldOut"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistrySoldOutError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryTagTooLong"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryTagTooLongError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryTitleTooLong"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryTitleTooLongError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryTooManyOffers"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryTooManyOffersError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryTooManySplits"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryTooManySplitsError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryTooManyTags"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryTooManyTagsError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryWithdrawFailed"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryWithdrawFailedError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryWrongPayment"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryWrongPaymentError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryZeroPayee"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryZeroPayeeError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryZeroRoot"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryZeroRootError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["EssaimRegistryZeroShare"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackEssaimRegistryZeroShareError(raw[4:])
	}
	if bytes.Equal(raw[:4], essaimRegistry.abi.Errors["ReentrancyGuardReentrantCall"].ID.Bytes()[:4]) {
		return essaimRegistry.UnpackReentrancyGuardReentrantCallError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// EssaimRegistryEssaimRegistryAlreadyRegistered represents a EssaimRegistryAlreadyRegistered error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryAlreadyRegistered struct {
	Root    [32]byte
	Creator common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryAlreadyRegistered(bytes32 root, address creator)
func EssaimRegistryEssaimRegistryAlreadyRegisteredErrorID() common.Hash {
	return common.HexToHash("0xb1a16e1eac2d039f28ff4ea810a5d2fc56159bb4ed3fc236e92cf4c10c7f22fd")
}

// UnpackEssaimRegistryAlreadyRegisteredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryAlreadyRegistered(bytes32 root, address creator)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryAlreadyRegisteredError(raw []byte) (*EssaimRegistryEssaimRegistryAlreadyRegistered, error) {
	out := new(EssaimRegistryEssaimRegistryAlreadyRegistered)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryAlreadyRegistered", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryCommitmentExists represents a EssaimRegistryCommitmentExists error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryCommitmentExists struct {
	Commitment [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryCommitmentExists(bytes32 commitment)
func EssaimRegistryEssaimRegistryCommitmentExistsErrorID() common.Hash {
	return common.HexToHash("0xa6f972ee3b3033e8197b5b73f383928a8e8e5b695081fc0f574fa4cf1a2134c1")
}

// UnpackEssaimRegistryCommitmentExistsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryCommitmentExists(bytes32 commitment)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryCommitmentExistsError(raw []byte) (*EssaimRegistryEssaimRegistryCommitmentExists, error) {
	out := new(EssaimRegistryEssaimRegistryCommitmentExists)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryCommitmentExists", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryCommitmentExpired represents a EssaimRegistryCommitmentExpired error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryCommitmentExpired struct {
	CommittedAt *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryCommitmentExpired(uint256 committedAt)
func EssaimRegistryEssaimRegistryCommitmentExpiredErrorID() common.Hash {
	return common.HexToHash("0xf4cab66925ead1c7b51d83881c635c461e4ff89cffeced93b2b8e0e56d1b51ce")
}

// UnpackEssaimRegistryCommitmentExpiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryCommitmentExpired(uint256 committedAt)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryCommitmentExpiredError(raw []byte) (*EssaimRegistryEssaimRegistryCommitmentExpired, error) {
	out := new(EssaimRegistryEssaimRegistryCommitmentExpired)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryCommitmentExpired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryDuplicatePayee represents a EssaimRegistryDuplicatePayee error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryDuplicatePayee struct {
	Payee common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryDuplicatePayee(address payee)
func EssaimRegistryEssaimRegistryDuplicatePayeeErrorID() common.Hash {
	return common.HexToHash("0x36edc9ca39a88600c65c2f28b46e015a82ef73af656bca53dde95f85e0c4e27e")
}

// UnpackEssaimRegistryDuplicatePayeeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryDuplicatePayee(address payee)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryDuplicatePayeeError(raw []byte) (*EssaimRegistryEssaimRegistryDuplicatePayee, error) {
	out := new(EssaimRegistryEssaimRegistryDuplicatePayee)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryDuplicatePayee", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryInvalidRecipient represents a EssaimRegistryInvalidRecipient error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryInvalidRecipient struct {
	To common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryInvalidRecipient(address to)
func EssaimRegistryEssaimRegistryInvalidRecipientErrorID() common.Hash {
	return common.HexToHash("0xddc3ddb1916003da388e3142f2246ce36617e239abcd43afbb94672513058b85")
}

// UnpackEssaimRegistryInvalidRecipientError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryInvalidRecipient(address to)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryInvalidRecipientError(raw []byte) (*EssaimRegistryEssaimRegistryInvalidRecipient, error) {
	out := new(EssaimRegistryEssaimRegistryInvalidRecipient)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryInvalidRecipient", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryLicenseNotTransferable represents a EssaimRegistryLicenseNotTransferable error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryLicenseNotTransferable struct {
	Root    [32]byte
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryLicenseNotTransferable(bytes32 root, address account)
func EssaimRegistryEssaimRegistryLicenseNotTransferableErrorID() common.Hash {
	return common.HexToHash("0x3478b64a6ca86ef04a96b9e88014a4255317be536725d3a7f2f8bbfb58d03caf")
}

// UnpackEssaimRegistryLicenseNotTransferableError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryLicenseNotTransferable(bytes32 root, address account)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryLicenseNotTransferableError(raw []byte) (*EssaimRegistryEssaimRegistryLicenseNotTransferable, error) {
	out := new(EssaimRegistryEssaimRegistryLicenseNotTransferable)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryLicenseNotTransferable", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryListingChanged represents a EssaimRegistryListingChanged error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryListingChanged struct {
	Root    [32]byte
	Seller  common.Address
	Version uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryListingChanged(bytes32 root, address seller, uint64 version)
func EssaimRegistryEssaimRegistryListingChangedErrorID() common.Hash {
	return common.HexToHash("0x43f7d1da83048778dc31e2ae5dfcc806722506efa5d29cf3e0f174e2b051874a")
}

// UnpackEssaimRegistryListingChangedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryListingChanged(bytes32 root, address seller, uint64 version)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryListingChangedError(raw []byte) (*EssaimRegistryEssaimRegistryListingChanged, error) {
	out := new(EssaimRegistryEssaimRegistryListingChanged)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryListingChanged", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryNoCommitment represents a EssaimRegistryNoCommitment error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryNoCommitment struct {
	Commitment [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryNoCommitment(bytes32 commitment)
func EssaimRegistryEssaimRegistryNoCommitmentErrorID() common.Hash {
	return common.HexToHash("0x8a7a8c8eaa7b4beaa9781a7f08ca65fa87c2d0a0a033dda9cda87e19680f76bf")
}

// UnpackEssaimRegistryNoCommitmentError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryNoCommitment(bytes32 commitment)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryNoCommitmentError(raw []byte) (*EssaimRegistryEssaimRegistryNoCommitment, error) {
	out := new(EssaimRegistryEssaimRegistryNoCommitment)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryNoCommitment", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryNoValidLicense represents a EssaimRegistryNoValidLicense error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryNoValidLicense struct {
	Root    [32]byte
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryNoValidLicense(bytes32 root, address account)
func EssaimRegistryEssaimRegistryNoValidLicenseErrorID() common.Hash {
	return common.HexToHash("0xb0af7a9bbdbcc10e2d5312a8297cd659fb59ec533248c7a0722d2e86f2585ba5")
}

// UnpackEssaimRegistryNoValidLicenseError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryNoValidLicense(bytes32 root, address account)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryNoValidLicenseError(raw []byte) (*EssaimRegistryEssaimRegistryNoValidLicense, error) {
	out := new(EssaimRegistryEssaimRegistryNoValidLicense)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryNoValidLicense", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryNonTransferableHeld represents a EssaimRegistryNonTransferableHeld error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryNonTransferableHeld struct {
	Root    [32]byte
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryNonTransferableHeld(bytes32 root, address account)
func EssaimRegistryEssaimRegistryNonTransferableHeldErrorID() common.Hash {
	return common.HexToHash("0x675aa0f7524eb122bf46a20f312f40e2354aa209cffc800aee2d68d4b39662be")
}

// UnpackEssaimRegistryNonTransferableHeldError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryNonTransferableHeld(bytes32 root, address account)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryNonTransferableHeldError(raw []byte) (*EssaimRegistryEssaimRegistryNonTransferableHeld, error) {
	out := new(EssaimRegistryEssaimRegistryNonTransferableHeld)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryNonTransferableHeld", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryNotCreator represents a EssaimRegistryNotCreator error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryNotCreator struct {
	Root    [32]byte
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryNotCreator(bytes32 root, address account)
func EssaimRegistryEssaimRegistryNotCreatorErrorID() common.Hash {
	return common.HexToHash("0x7639ead195603d90a5feda607a2e0e3b9b8a2bc06e9c44ec56912f92294d620f")
}

// UnpackEssaimRegistryNotCreatorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryNotCreator(bytes32 root, address account)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryNotCreatorError(raw []byte) (*EssaimRegistryEssaimRegistryNotCreator, error) {
	out := new(EssaimRegistryEssaimRegistryNotCreator)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryNotCreator", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryNotListed represents a EssaimRegistryNotListed error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryNotListed struct {
	Root   [32]byte
	Seller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryNotListed(bytes32 root, address seller)
func EssaimRegistryEssaimRegistryNotListedErrorID() common.Hash {
	return common.HexToHash("0x2967f60d8d1299be7e4fef337e6e77b49069569f406bf5d954978db78a7095bd")
}

// UnpackEssaimRegistryNotListedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryNotListed(bytes32 root, address seller)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryNotListedError(raw []byte) (*EssaimRegistryEssaimRegistryNotListed, error) {
	out := new(EssaimRegistryEssaimRegistryNotListed)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryNotListed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryNotRegistered represents a EssaimRegistryNotRegistered error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryNotRegistered struct {
	Root [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryNotRegistered(bytes32 root)
func EssaimRegistryEssaimRegistryNotRegisteredErrorID() common.Hash {
	return common.HexToHash("0x2e385e1cc2c8e0917cdb24ccf99b682419322cb474db2dbf63cdd98868a41756")
}

// UnpackEssaimRegistryNotRegisteredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryNotRegistered(bytes32 root)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryNotRegisteredError(raw []byte) (*EssaimRegistryEssaimRegistryNotRegistered, error) {
	out := new(EssaimRegistryEssaimRegistryNotRegistered)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryNotRegistered", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryNothingToWithdraw represents a EssaimRegistryNothingToWithdraw error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryNothingToWithdraw struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryNothingToWithdraw(address account)
func EssaimRegistryEssaimRegistryNothingToWithdrawErrorID() common.Hash {
	return common.HexToHash("0xe97001a509414ff24b82a929d3c18ec0979e0d917de1dbb1c6f634ea759fccff")
}

// UnpackEssaimRegistryNothingToWithdrawError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryNothingToWithdraw(address account)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryNothingToWithdrawError(raw []byte) (*EssaimRegistryEssaimRegistryNothingToWithdraw, error) {
	out := new(EssaimRegistryEssaimRegistryNothingToWithdraw)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryNothingToWithdraw", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryOfferIsRetired represents a EssaimRegistryOfferIsRetired error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryOfferIsRetired struct {
	Root    [32]byte
	OfferId uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryOfferIsRetired(bytes32 root, uint32 offerId)
func EssaimRegistryEssaimRegistryOfferIsRetiredErrorID() common.Hash {
	return common.HexToHash("0x7d4a28d0b147e63733c4f7e4f274d253d6e2c7955732fdc6fa0ff5b54a460aac")
}

// UnpackEssaimRegistryOfferIsRetiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryOfferIsRetired(bytes32 root, uint32 offerId)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryOfferIsRetiredError(raw []byte) (*EssaimRegistryEssaimRegistryOfferIsRetired, error) {
	out := new(EssaimRegistryEssaimRegistryOfferIsRetired)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryOfferIsRetired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryOfferNotFound represents a EssaimRegistryOfferNotFound error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryOfferNotFound struct {
	Root    [32]byte
	OfferId uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryOfferNotFound(bytes32 root, uint32 offerId)
func EssaimRegistryEssaimRegistryOfferNotFoundErrorID() common.Hash {
	return common.HexToHash("0xcd77633f7885ac7c0b052d6212c90bcd3487c4a795d11b90d6a1d0768058e272")
}

// UnpackEssaimRegistryOfferNotFoundError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryOfferNotFound(bytes32 root, uint32 offerId)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryOfferNotFoundError(raw []byte) (*EssaimRegistryEssaimRegistryOfferNotFound, error) {
	out := new(EssaimRegistryEssaimRegistryOfferNotFound)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryOfferNotFound", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryPriceAboveMax represents a EssaimRegistryPriceAboveMax error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryPriceAboveMax struct {
	Price    *big.Int
	MaxPrice *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryPriceAboveMax(uint256 price, uint256 maxPrice)
func EssaimRegistryEssaimRegistryPriceAboveMaxErrorID() common.Hash {
	return common.HexToHash("0xc4d663ebcd0eaec07b70ecbd22d894a3acc64d001e0b2daeb1d9d285221cd043")
}

// UnpackEssaimRegistryPriceAboveMaxError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryPriceAboveMax(uint256 price, uint256 maxPrice)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryPriceAboveMaxError(raw []byte) (*EssaimRegistryEssaimRegistryPriceAboveMax, error) {
	out := new(EssaimRegistryEssaimRegistryPriceAboveMax)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryPriceAboveMax", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryRevealTooEarly represents a EssaimRegistryRevealTooEarly error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryRevealTooEarly struct {
	CommitBlock *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryRevealTooEarly(uint256 commitBlock)
func EssaimRegistryEssaimRegistryRevealTooEarlyErrorID() common.Hash {
	return common.HexToHash("0x8880b1e940fd8499e01a920d051a2757165bb084f76ad7da40016a796825763c")
}

// UnpackEssaimRegistryRevealTooEarlyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryRevealTooEarly(uint256 commitBlock)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryRevealTooEarlyError(raw []byte) (*EssaimRegistryEssaimRegistryRevealTooEarly, error) {
	out := new(EssaimRegistryEssaimRegistryRevealTooEarly)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryRevealTooEarly", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryRoyaltyTooHigh represents a EssaimRegistryRoyaltyTooHigh error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryRoyaltyTooHigh struct {
	RoyaltyBps *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryRoyaltyTooHigh(uint256 royaltyBps)
func EssaimRegistryEssaimRegistryRoyaltyTooHighErrorID() common.Hash {
	return common.HexToHash("0x1b4542407d3d8f5d9b75b5646c9c1786335b1f6402764a84588c79d69d27a000")
}

// UnpackEssaimRegistryRoyaltyTooHighError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryRoyaltyTooHigh(uint256 royaltyBps)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryRoyaltyTooHighError(raw []byte) (*EssaimRegistryEssaimRegistryRoyaltyTooHigh, error) {
	out := new(EssaimRegistryEssaimRegistryRoyaltyTooHigh)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryRoyaltyTooHigh", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistrySharesNotTotal represents a EssaimRegistrySharesNotTotal error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistrySharesNotTotal struct {
	TotalBps *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistrySharesNotTotal(uint256 totalBps)
func EssaimRegistryEssaimRegistrySharesNotTotalErrorID() common.Hash {
	return common.HexToHash("0x8eeb3790141ac6d6f3dfc14fc2066f9edad7585f8a6e1d56d95a128e01209953")
}

// UnpackEssaimRegistrySharesNotTotalError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistrySharesNotTotal(uint256 totalBps)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistrySharesNotTotalError(raw []byte) (*EssaimRegistryEssaimRegistrySharesNotTotal, error) {
	out := new(EssaimRegistryEssaimRegistrySharesNotTotal)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistrySharesNotTotal", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistrySoldOut represents a EssaimRegistrySoldOut error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistrySoldOut struct {
	Root    [32]byte
	OfferId uint32
	Supply  uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistrySoldOut(bytes32 root, uint32 offerId, uint32 supply)
func EssaimRegistryEssaimRegistrySoldOutErrorID() common.Hash {
	return common.HexToHash("0x5005c4b0a4758812e36041fcfe4fe7cb05eb85a68bf7dd7b673a7dffdee4c2ca")
}

// UnpackEssaimRegistrySoldOutError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistrySoldOut(bytes32 root, uint32 offerId, uint32 supply)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistrySoldOutError(raw []byte) (*EssaimRegistryEssaimRegistrySoldOut, error) {
	out := new(EssaimRegistryEssaimRegistrySoldOut)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistrySoldOut", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryTagTooLong represents a EssaimRegistryTagTooLong error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryTagTooLong struct {
	Index  *big.Int
	Length *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryTagTooLong(uint256 index, uint256 length)
func EssaimRegistryEssaimRegistryTagTooLongErrorID() common.Hash {
	return common.HexToHash("0xe5e8178d72923c5b6448a9285d5d29de7040218bd94bb447a380d7fa36ae0cbd")
}

// UnpackEssaimRegistryTagTooLongError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryTagTooLong(uint256 index, uint256 length)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryTagTooLongError(raw []byte) (*EssaimRegistryEssaimRegistryTagTooLong, error) {
	out := new(EssaimRegistryEssaimRegistryTagTooLong)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryTagTooLong", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryTitleTooLong represents a EssaimRegistryTitleTooLong error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryTitleTooLong struct {
	Length *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryTitleTooLong(uint256 length)
func EssaimRegistryEssaimRegistryTitleTooLongErrorID() common.Hash {
	return common.HexToHash("0x195196d27b6199228301aa109e969829b8986ecb7f5e2750bae5998506ad7d6b")
}

// UnpackEssaimRegistryTitleTooLongError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryTitleTooLong(uint256 length)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryTitleTooLongError(raw []byte) (*EssaimRegistryEssaimRegistryTitleTooLong, error) {
	out := new(EssaimRegistryEssaimRegistryTitleTooLong)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryTitleTooLong", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryTooManyOffers represents a EssaimRegistryTooManyOffers error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryTooManyOffers struct {
	Count *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryTooManyOffers(uint256 count)
func EssaimRegistryEssaimRegistryTooManyOffersErrorID() common.Hash {
	return common.HexToHash("0x07647cf4a8f7cce49a8dac98bd391b5f712a3a40986fdff8b22147ccbde3f253")
}

// UnpackEssaimRegistryTooManyOffersError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryTooManyOffers(uint256 count)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryTooManyOffersError(raw []byte) (*EssaimRegistryEssaimRegistryTooManyOffers, error) {
	out := new(EssaimRegistryEssaimRegistryTooManyOffers)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryTooManyOffers", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryTooManySplits represents a EssaimRegistryTooManySplits error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryTooManySplits struct {
	Count *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryTooManySplits(uint256 count)
func EssaimRegistryEssaimRegistryTooManySplitsErrorID() common.Hash {
	return common.HexToHash("0xc9da440855cac7c0e123af97196d714983567edd11dd810e907330e6da1b5c1d")
}

// UnpackEssaimRegistryTooManySplitsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryTooManySplits(uint256 count)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryTooManySplitsError(raw []byte) (*EssaimRegistryEssaimRegistryTooManySplits, error) {
	out := new(EssaimRegistryEssaimRegistryTooManySplits)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryTooManySplits", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryTooManyTags represents a EssaimRegistryTooManyTags error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryTooManyTags struct {
	Count *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryTooManyTags(uint256 count)
func EssaimRegistryEssaimRegistryTooManyTagsErrorID() common.Hash {
	return common.HexToHash("0xf0f327da005d7c7c547d902513de284b99090c36f64f9b21558c308eb6e4df7d")
}

// UnpackEssaimRegistryTooManyTagsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryTooManyTags(uint256 count)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryTooManyTagsError(raw []byte) (*EssaimRegistryEssaimRegistryTooManyTags, error) {
	out := new(EssaimRegistryEssaimRegistryTooManyTags)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryTooManyTags", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryWithdrawFailed represents a EssaimRegistryWithdrawFailed error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryWithdrawFailed struct {
	To     common.Address
	Amount *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryWithdrawFailed(address to, uint256 amount)
func EssaimRegistryEssaimRegistryWithdrawFailedErrorID() common.Hash {
	return common.HexToHash("0x4b07c3fec9caf8c0b373100d5e61858773bcb3e0027870fc23e11f254cb8f268")
}

// UnpackEssaimRegistryWithdrawFailedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryWithdrawFailed(address to, uint256 amount)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryWithdrawFailedError(raw []byte) (*EssaimRegistryEssaimRegistryWithdrawFailed, error) {
	out := new(EssaimRegistryEssaimRegistryWithdrawFailed)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryWithdrawFailed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryWrongPayment represents a EssaimRegistryWrongPayment error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryWrongPayment struct {
	Price *big.Int
	Value *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryWrongPayment(uint256 price, uint256 value)
func EssaimRegistryEssaimRegistryWrongPaymentErrorID() common.Hash {
	return common.HexToHash("0xe8a961d5bac83a8cc4340794413f413e531a8a2c50d96bc7ed5e8e624d45de3e")
}

// UnpackEssaimRegistryWrongPaymentError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryWrongPayment(uint256 price, uint256 value)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryWrongPaymentError(raw []byte) (*EssaimRegistryEssaimRegistryWrongPayment, error) {
	out := new(EssaimRegistryEssaimRegistryWrongPayment)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryWrongPayment", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryZeroPayee represents a EssaimRegistryZeroPayee error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryZeroPayee struct {
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryZeroPayee(uint256 index)
func EssaimRegistryEssaimRegistryZeroPayeeErrorID() common.Hash {
	return common.HexToHash("0xbefcadcc561606dcf1ac2a7d9986058e14120a8f272fa3a5b82120da3faccd50")
}

// UnpackEssaimRegistryZeroPayeeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryZeroPayee(uint256 index)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryZeroPayeeError(raw []byte) (*EssaimRegistryEssaimRegistryZeroPayee, error) {
	out := new(EssaimRegistryEssaimRegistryZeroPayee)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryZeroPayee", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryZeroRoot represents a EssaimRegistryZeroRoot error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryZeroRoot struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryZeroRoot()
func EssaimRegistryEssaimRegistryZeroRootErrorID() common.Hash {
	return common.HexToHash("0x35b530d14317726e641ff5f02358ff66110291036ac9a233546d540cbced4acd")
}

// UnpackEssaimRegistryZeroRootError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryZeroRoot()
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryZeroRootError(raw []byte) (*EssaimRegistryEssaimRegistryZeroRoot, error) {
	out := new(EssaimRegistryEssaimRegistryZeroRoot)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryZeroRoot", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryEssaimRegistryZeroShare represents a EssaimRegistryZeroShare error raised by the EssaimRegistry contract.
type EssaimRegistryEssaimRegistryZeroShare struct {
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EssaimRegistryZeroShare(uint256 index)
func EssaimRegistryEssaimRegistryZeroShareErrorID() common.Hash {
	return common.HexToHash("0xd3eeb4b1a1cb572d21987aef534105429e43209917a13420d761fc8a7e01881b")
}

// UnpackEssaimRegistryZeroShareError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EssaimRegistryZeroShare(uint256 index)
func (essaimRegistry *EssaimRegistry) UnpackEssaimRegistryZeroShareError(raw []byte) (*EssaimRegistryEssaimRegistryZeroShare, error) {
	out := new(EssaimRegistryEssaimRegistryZeroShare)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "EssaimRegistryZeroShare", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// EssaimRegistryReentrancyGuardReentrantCall represents a ReentrancyGuardReentrantCall error raised by the EssaimRegistry contract.
type EssaimRegistryReentrancyGuardReentrantCall struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ReentrancyGuardReentrantCall()
func EssaimRegistryReentrancyGuardReentrantCallErrorID() common.Hash {
	return common.HexToHash("0x3ee5aeb571de7fc460830b4d0017439a1ca56fb0bc39062227ade4fe4a24c1ca")
}

// UnpackReentrancyGuardReentrantCallError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ReentrancyGuardReentrantCall()
func (essaimRegistry *EssaimRegistry) UnpackReentrancyGuardReentrantCallError(raw []byte) (*EssaimRegistryReentrancyGuardReentrantCall, error) {
	out := new(EssaimRegistryReentrancyGuardReentrantCall)
	if err := essaimRegistry.abi.UnpackIntoInterface(out, "ReentrancyGuardReentrantCall", raw); err != nil {
		return nil, err
	}
	return out, nil
}
