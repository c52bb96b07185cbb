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
}

// IEssaimRegistryOffer is an auto generated low-level Go binding around an user-defined struct.
type IEssaimRegistryOffer struct {
	Price        *big.Int
	Duration     uint64
	Supply       uint32
	Transferable bool
	Sold         uint32
	Retired      bool
}

// IEssaimRegistryOfferTerms is an auto generated low-level Go binding around an user-defined struct.
type IEssaimRegistryOfferTerms struct {
	Price        *big.Int
	Duration     uint64
	Supply       uint32
	Transferable bool
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
	ABI: "[{\"type\":\"function\",\"name\":\"MAX_COMMIT_AGE\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"MAX_OFFERS_PER_CALL\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"MAX_SPLITS\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"MAX_TAGS\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"MAX_TAG_BYTES\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"MAX_TITLE_BYTES\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"PERPETUAL\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint64\",\"internalType\":\"uint64\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"TOTAL_BPS\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"addOffer\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"terms\",\"type\":\"tuple\",\"internalType\":\"structIEssaimRegistry.OfferTerms\",\"components\":[{\"name\":\"price\",\"type\":\"uint96\",\"internalType\":\"uint96\"},{\"name\":\"duration\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"supply\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"transferable\",\"type\":\"bool\",\"internalType\":\"bool\"}]}],\"outputs\":[{\"name\":\"offerId\",\"type\":\"uint32\",\"internalType\":\"uint32\"}],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"buy\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"offerId\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"maxPrice\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"outputs\":[],\"stateMutability\":\"payable\"},{\"type\":\"function\",\"name\":\"claimed\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"payee\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"commit\",\"inputs\":[{\"name\":\"commitment\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"commitments\",\"inputs\":[{\"name\":\"commitment\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[{\"name\":\"\",\"type\":\"tuple\",\"internalType\":\"structIEssaimRegistry.Commitment\",\"components\":[{\"name\":\"blockNumber\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"timestamp\",\"type\":\"uint64\",\"internalType\":\"uint64\"}]}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"computeCommitment\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"creator\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"salt\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[{\"name\":\"\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"stateMutability\":\"pure\"},{\"type\":\"function\",\"name\":\"grant\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"to\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"duration\",\"type\":\"uint64\",\"internalType\":\"uint64\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"hasValidLicense\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"account\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"bool\",\"internalType\":\"bool\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"licenses\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"account\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"tuple\",\"internalType\":\"structIEssaimRegistry.License\",\"components\":[{\"name\":\"expiry\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"transferable\",\"type\":\"bool\",\"internalType\":\"bool\"}]}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"offers\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"offerId\",\"type\":\"uint32\",\"internalType\":\"uint32\"}],\"outputs\":[{\"name\":\"\",\"type\":\"tuple\",\"internalType\":\"structIEssaimRegistry.Offer\",\"components\":[{\"name\":\"price\",\"type\":\"uint96\",\"internalType\":\"uint96\"},{\"name\":\"duration\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"supply\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"transferable\",\"type\":\"bool\",\"internalType\":\"bool\"},{\"name\":\"sold\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"retired\",\"type\":\"bool\",\"internalType\":\"bool\"}]}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"owed\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"payee\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"register\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"salt\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"title\",\"type\":\"string\",\"internalType\":\"string\"},{\"name\":\"tags\",\"type\":\"string[]\",\"internalType\":\"string[]\"},{\"name\":\"metadataHash\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"open\",\"type\":\"bool\",\"internalType\":\"bool\"},{\"name\":\"splits\",\"type\":\"tuple[]\",\"internalType\":\"structIEssaimRegistry.Split[]\",\"components\":[{\"name\":\"payee\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"bps\",\"type\":\"uint16\",\"internalType\":\"uint16\"}]},{\"name\":\"offerTerms\",\"type\":\"tuple[]\",\"internalType\":\"structIEssaimRegistry.OfferTerms[]\",\"components\":[{\"name\":\"price\",\"type\":\"uint96\",\"internalType\":\"uint96\"},{\"name\":\"duration\",\"type\":\"uint64\",\"internalType\":\"uint64\"},{\"name\":\"supply\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"transferable\",\"type\":\"bool\",\"internalType\":\"bool\"}]}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"retireOffer\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"offerId\",\"type\":\"uint32\",\"internalType\":\"uint32\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"revenue\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[{\"name\":\"\",\"type\":\"uint256\",\"internalType\":\"uint256\"}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"setOpen\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"open\",\"type\":\"bool\",\"internalType\":\"bool\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"splitsOf\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[{\"name\":\"\",\"type\":\"tuple[]\",\"internalType\":\"structIEssaimRegistry.Split[]\",\"components\":[{\"name\":\"payee\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"bps\",\"type\":\"uint16\",\"internalType\":\"uint16\"}]}],\"stateMutability\":\"view\"},{\"type\":\"function\",\"name\":\"transferLicense\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"to\",\"type\":\"address\",\"internalType\":\"address\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"withdraw\",\"inputs\":[{\"name\":\"roots\",\"type\":\"bytes32[]\",\"internalType\":\"bytes32[]\"},{\"name\":\"to\",\"type\":\"address\",\"internalType\":\"addresspayable\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},{\"type\":\"function\",\"name\":\"works\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}],\"outputs\":[{\"name\":\"\",\"type\":\"tuple\",\"internalType\":\"structIEssaimRegistry.Work\",\"components\":[{\"name\":\"creator\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"open\",\"type\":\"bool\",\"internalType\":\"bool\"},{\"name\":\"offerCount\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"registeredAt\",\"type\":\"uint48\",\"internalType\":\"uint48\"}]}],\"stateMutability\":\"view\"},{\"type\":\"event\",\"name\":\"Committed\",\"inputs\":[{\"name\":\"commitment\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"committer\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"LicenseGranted\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"to\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"expiry\",\"type\":\"uint64\",\"indexed\":false,\"internalType\":\"uint64\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"LicensePurchased\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"buyer\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"offerId\",\"type\":\"uint32\",\"indexed\":true,\"internalType\":\"uint32\"},{\"name\":\"pricePaid\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"},{\"name\":\"expiry\",\"type\":\"uint64\",\"indexed\":false,\"internalType\":\"uint64\"},{\"name\":\"transferable\",\"type\":\"bool\",\"indexed\":false,\"internalType\":\"bool\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"LicenseTransferred\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"from\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"to\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"expiry\",\"type\":\"uint64\",\"indexed\":false,\"internalType\":\"uint64\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"OfferAdded\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"offerId\",\"type\":\"uint32\",\"indexed\":true,\"internalType\":\"uint32\"},{\"name\":\"price\",\"type\":\"uint96\",\"indexed\":false,\"internalType\":\"uint96\"},{\"name\":\"duration\",\"type\":\"uint64\",\"indexed\":false,\"internalType\":\"uint64\"},{\"name\":\"supply\",\"type\":\"uint32\",\"indexed\":false,\"internalType\":\"uint32\"},{\"name\":\"transferable\",\"type\":\"bool\",\"indexed\":false,\"internalType\":\"bool\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"OfferRetired\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"offerId\",\"type\":\"uint32\",\"indexed\":true,\"internalType\":\"uint32\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"OpenSet\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"open\",\"type\":\"bool\",\"indexed\":false,\"internalType\":\"bool\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"RevenueClaimed\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"payee\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"amount\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"Withdrawn\",\"inputs\":[{\"name\":\"account\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"to\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"amount\",\"type\":\"uint256\",\"indexed\":false,\"internalType\":\"uint256\"}],\"anonymous\":false},{\"type\":\"event\",\"name\":\"WorkRegistered\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"indexed\":true,\"internalType\":\"bytes32\"},{\"name\":\"creator\",\"type\":\"address\",\"indexed\":true,\"internalType\":\"address\"},{\"name\":\"title\",\"type\":\"string\",\"indexed\":false,\"internalType\":\"string\"},{\"name\":\"tags\",\"type\":\"string[]\",\"indexed\":false,\"internalType\":\"string[]\"},{\"name\":\"metadataHash\",\"type\":\"bytes32\",\"indexed\":false,\"internalType\":\"bytes32\"},{\"name\":\"open\",\"type\":\"bool\",\"indexed\":false,\"internalType\":\"bool\"},{\"name\":\"splits\",\"type\":\"tuple[]\",\"indexed\":false,\"internalType\":\"structIEssaimRegistry.Split[]\",\"components\":[{\"name\":\"payee\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"bps\",\"type\":\"uint16\",\"internalType\":\"uint16\"}]}],\"anonymous\":false},{\"type\":\"error\",\"name\":\"EssaimRegistryAlreadyRegistered\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"creator\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryCommitmentExists\",\"inputs\":[{\"name\":\"commitment\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryCommitmentExpired\",\"inputs\":[{\"name\":\"committedAt\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryDuplicatePayee\",\"inputs\":[{\"name\":\"payee\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryInvalidRecipient\",\"inputs\":[{\"name\":\"to\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryLicenseNotTransferable\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"account\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryNoCommitment\",\"inputs\":[{\"name\":\"commitment\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryNoValidLicense\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"account\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryNonTransferableHeld\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"account\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryNotCreator\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"account\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryNotRegistered\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryNothingToWithdraw\",\"inputs\":[{\"name\":\"account\",\"type\":\"address\",\"internalType\":\"address\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryOfferIsRetired\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"offerId\",\"type\":\"uint32\",\"internalType\":\"uint32\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryOfferNotFound\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"offerId\",\"type\":\"uint32\",\"internalType\":\"uint32\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryPriceAboveMax\",\"inputs\":[{\"name\":\"price\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"maxPrice\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryRevealTooEarly\",\"inputs\":[{\"name\":\"commitBlock\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistrySharesNotTotal\",\"inputs\":[{\"name\":\"totalBps\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistrySoldOut\",\"inputs\":[{\"name\":\"root\",\"type\":\"bytes32\",\"internalType\":\"bytes32\"},{\"name\":\"offerId\",\"type\":\"uint32\",\"internalType\":\"uint32\"},{\"name\":\"supply\",\"type\":\"uint32\",\"internalType\":\"uint32\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryTagTooLong\",\"inputs\":[{\"name\":\"index\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"length\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryTitleTooLong\",\"inputs\":[{\"name\":\"length\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryTooManyOffers\",\"inputs\":[{\"name\":\"count\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryTooManySplits\",\"inputs\":[{\"name\":\"count\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryTooManyTags\",\"inputs\":[{\"name\":\"count\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryWithdrawFailed\",\"inputs\":[{\"name\":\"to\",\"type\":\"address\",\"internalType\":\"address\"},{\"name\":\"amount\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryWrongPayment\",\"inputs\":[{\"name\":\"price\",\"type\":\"uint256\",\"internalType\":\"uint256\"},{\"name\":\"value\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryZeroPayee\",\"inputs\":[{\"name\":\"index\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"EssaimRegistryZeroRoot\",\"inputs\":[]},{\"type\":\"error\",\"name\":\"EssaimRegistryZeroShare\",\"inputs\":[{\"name\":\"index\",\"type\":\"uint256\",\"internalType\":\"uint256\"}]},{\"type\":\"error\",\"name\":\"ReentrancyGuardReentrantCall\",\"inputs\":[]}]",
	ID:  "EssaimRegistry",
	Bin: "0x6080604052348015600e575f5ffd5b506128ab8061001c5f395ff3fe608060405260043610610195575f3560e01c8063a7bd6f1b116100e7578063cce6722611610087578063dfcae62211610062578063dfcae6221461074a578063f0e3ee0e1461078b578063f14fcbc8146107bd578063f2fccdea146107dc575f5ffd5b8063cce67226146101d2578063d3cd52bc14610716578063d4e84a621461072b575f5ffd5b8063b48210ca116100c2578063b48210ca146101d2578063b92be3fe146106c0578063bcedc05f146106ec578063c1c7816e14610702575f5ffd5b8063a7bd6f1b14610538578063a7d9605a14610557578063ab6b7e7d14610576575f5ffd5b8063647e1bc51161015257806381535d721161012d57806381535d721461042c578063839df9451461048657806391836003146105105780639a40734814610525575f5ffd5b8063647e1bc51461035257806366b1eceb146103715780637ef736d91461040d575f5ffd5b806301dfeef2146101995780630a686a00146101d25780631b15ea24146101f457806338be5592146102235780633b1336311461024457806356da503714610263575b5f5ffd5b3480156101a4575f5ffd5b506101b86101b3366004612076565b610807565b60405163ffffffff90911681526020015b60405180910390f35b3480156101dd575f5ffd5b506101e6601081565b6040519081526020016101c9565b3480156101ff575f5ffd5b5061021361020e3660046120c2565b610862565b60405190151581526020016101c9565b34801561022e575f5ffd5b5061024261023d3660046120f0565b61092d565b005b34801561024f575f5ffd5b5061024261025e366004612357565b610b34565b34801561026e575f5ffd5b5061030661027d366004612446565b604080516080810182525f808252602082018190529181018290526060810191909152505f90815260016020908152604091829020825160808101845290546001600160a01b0381168252600160a01b810460ff16151592820192909252600160a81b820463ffffffff1692810192909252600160c81b900465ffffffffffff16606082015290565b6040516101c9919081516001600160a01b0316815260208083015115159082015260408083015163ffffffff169082015260609182015165ffffffffffff169181019190915260800190565b34801561035d575f5ffd5b5061024261036c366004612473565b610bdd565b34801561037c575f5ffd5b506103e761038b3660046120c2565b6040805180820182525f8082526020918201819052938452600481528184206001600160a01b03939093168452918252918290208251808401909352546001600160401b0381168352600160401b900460ff1615159082015290565b6040805182516001600160401b03168152602092830151151592810192909252016101c9565b348015610418575f5ffd5b506102426104273660046120c2565b610cdb565b348015610437575f5ffd5b506101e66104463660046124ae565b604080516020808201959095526001600160a01b039390931683820152606080840192909252805180840390920182526080909201909152805191012090565b348015610491575f5ffd5b506104e96104a0366004612446565b604080518082019091525f8082526020820152505f90815260208181526040918290208251808401909352546001600160401b038082168452600160401b909104169082015290565b6040805182516001600160401b0390811682526020938401511692810192909252016101c9565b34801561051b575f5ffd5b506101e661010081565b6102426105333660046124f6565b610f37565b348015610543575f5ffd5b506101e66105523660046120c2565b6113b5565b348015610562575f5ffd5b50610242610571366004612528565b6113f2565b348015610581575f5ffd5b50610653610590366004612552565b6040805160c0810182525f80825260208201819052918101829052606081018290526080810182905260a0810191909152505f91825260036020908152604080842063ffffffff9384168552825292839020835160c08101855290546001600160601b0381168252600160601b81046001600160401b031692820192909252600160a01b8204831693810193909352600160c01b810460ff90811615156060850152600160c81b82049092166080840152600160e81b900416151560a082015290565b6040516101c991905f60c0820190506001600160601b0383511682526001600160401b03602084015116602083015263ffffffff604084015116604083015260608301511515606083015263ffffffff608084015116608083015260a0830151151560a083015292915050565b3480156106cb575f5ffd5b506106df6106da366004612446565b611451565b6040516101c99190612573565b3480156106f7575f5ffd5b506101e66201518081565b34801561070d575f5ffd5b506101e6604081565b348015610721575f5ffd5b506101e661271081565b348015610736575f5ffd5b50610242610745366004612552565b6114d7565b348015610755575f5ffd5b506101e66107643660046120c2565b5f9182526006602090815260408084206001600160a01b0393909316845291905290205490565b348015610796575f5ffd5b506107a56001600160401b0381565b6040516001600160401b0390911681526020016101c9565b3480156107c8575f5ffd5b506102426107d7366004612446565b6115c5565b3480156107e7575f5ffd5b506101e66107f6366004612446565b5f9081526005602052604090205490565b5f5f610812846116c3565b8054600160a81b900463ffffffff16925090506108308260016125e2565b815463ffffffff91909116600160a81b0263ffffffff60a81b1990911617815561085b848385611733565b5092915050565b5f828152600160209081526040808320815160808101835290546001600160a01b038116808352600160a01b820460ff16151594830194909452600160a81b810463ffffffff1692820192909252600160c81b90910465ffffffffffff166060820152906108d3575f915050610927565b80516001600160a01b03848116911614806108ef575080602001515b8061092357505f8481526004602090815260408083206001600160a01b03871684529091529020546001600160401b031642105b9150505b92915050565b610935611931565b6001600160a01b03811661096c5760405163ddc3ddb160e01b81526001600160a01b03821660048201526024015b60405180910390fd5b5f805b83811015610a40575f85858381811061098a5761098a6125fe565b9050602002013590505f61099e8233611968565b5f83815260066020908152604080832033845290915290205490915080821115610a32575f83815260066020908152604080832033845290915290208290556109e78183612612565b6109f19086612625565b945033837f016978c09cf608ae90a77ca5a976885d15d6d0ebda2327237ebaa098c98a4c30610a208486612612565b60405190815260200160405180910390a35b50505080600101905061096f565b50805f03610a635760405163e97001a560e01b8152336004820152602401610963565b6040518181526001600160a01b0383169033907fd1c19fbcd4551a5edfb66d43d2e337c04837afda3482b42bdf569a8fccdae5fb9060200160405180910390a35f826001600160a01b0316826040515f6040518083038185875af1925050503d805f8114610aec576040519150601f19603f3d011682016040523d82523d5f602084013e610af1565b606091505b5050905080610b2557604051632583e1ff60e11b81526001600160a01b038416600482015260248101839052604401610963565b5050610b2f611a54565b505050565b610b438a8a8a8a888887611a7e565b610b508a86838787611b63565b336001600160a01b03168a7fb4fff57afa424ebd4e80e266a7128ec63d33dfe9b257a13a32563c181acf61eb8a8a8a8a8a8a604051610b94969594939291906126d4565b60405180910390a35f5b81811015610bd057610bc88b82858585818110610bbd57610bbd6125fe565b905060800201611733565b600101610b9e565b5050505050505050505050565b610be6836116c3565b506001600160a01b038216610c195760405163ddc3ddb160e01b81526001600160a01b0383166004820152602401610963565b5f8381526004602090815260408083206001600160a01b0386168452909152812090610c454284611c7d565b82549091506001600160401b039081169082161115610c7e57815468ffffffffffffffffff19166001600160401b038216178255610c8b565b5080546001600160401b03165b6040516001600160401b03821681526001600160a01b0385169086907f9c8509ea779f9854399f1d3713cd32ded260d06ba0150c7af13c0393fb3e32be9060200160405180910390a35050505050565b6001600160a01b0381161580610cf957506001600160a01b03811633145b15610d225760405163ddc3ddb160e01b81526001600160a01b0382166004820152602401610963565b5f8281526004602090815260408083203384528252918290208251808401909352546001600160401b038116808452600160401b90910460ff161515918301919091524210610d8d5760405163b0af7a9b60e01b815260048101849052336024820152604401610963565b8060200151610db857604051631a3c5b2560e11b815260048101849052336024820152604401610963565b5f8381526004602090815260408083206001600160a01b03861684528252918290208251808401909352546001600160401b038116808452600160401b90910460ff161515918301919091524210808015610e1557508160200151155b15610e455760405163675aa0f760e01b8152600481018690526001600160a01b0385166024820152604401610963565b825182515f916001600160401b03908116911611610e64578351610e67565b82515b5f87815260046020908152604080832033808552818452828520805468ffffffffffffffffff19908116909155835180850185526001600160401b03808916825260018288019081526001600160a01b038f16808a5295909752968590209051815496511515600160401b029690921691909616179390931790935551929350909188907fd115311240c2ad8eb4e4dbaa0444a5963b2eae517ed3fd7438ccfeafe2a44bdc90610f279086906001600160401b0391909116815260200190565b60405180910390a4505050505050565b610f3f611931565b5f83815260016020908152604091829020825160808101845290546001600160a01b038116808352600160a01b820460ff16151593830193909352600160a81b810463ffffffff1693820193909352600160c81b90920465ffffffffffff166060830152610fc357604051630b8e178760e21b815260048101859052602401610963565b806040015163ffffffff168363ffffffff16106110025760405163cd77633f60e01b81526004810185905263ffffffff84166024820152604401610963565b5f84815260036020908152604080832063ffffffff808816855290835292819020815160c08101835290546001600160601b03811682526001600160401b03600160601b82041693820193909352600160a01b830484169181019190915260ff600160c01b8304811615156060830152600160c81b83049093166080820152600160e81b90910490911615801560a08301526110c0576040516307d4a28d60e41b81526004810186905263ffffffff85166024820152604401610963565b80516001600160601b031683101561110057805160405163c4d663eb60e01b81526001600160601b03909116600482015260248101849052604401610963565b805f01516001600160601b0316341461114057805160405163e8a961d560e01b81526001600160601b039091166004820152346024820152604401610963565b604081015163ffffffff161580159061116d5750806040015163ffffffff16816080015163ffffffff1610155b156111a85760408082015190516305005c4b60e41b81526004810187905263ffffffff80871660248301529091166044820152606401610963565b5f8581526004602090815260408083203384528252918290208251808401909352546001600160401b038116808452600160401b90910460ff1615159183019190915242108080156111fc57508160200151155b8015611209575082606001515b156112305760405163675aa0f760e01b815260048101889052336024820152604401610963565b60808301516112409060016125e2565b5f88815260036020908152604080832063ffffffff8b8116855292528220805463ffffffff60c81b1916600160c81b94909216939093021790915561129682611289574261128c565b83515b8560200151611c7d565b6040805180820182526001600160401b038084168252606088018051151560208085019182525f8f8152600482528681203380835292528690209451855492511515600160401b0268ffffffffffffffffff199093169416939093171790925587519151925193945063ffffffff8b169390928c927f79cc5be982e2e789e8a15d14956a355502f0be75cfd4f7f397234abf5f4d37999261135f9288916001600160601b039390931683526001600160401b039190911660208301521515604082015260600190565b60405180910390a483516001600160601b0316156113a85783515f89815260056020526040812080546001600160601b03909316929091906113a2908490612625565b90915550505b5050505050610b2f611a54565b5f8281526006602090815260408083206001600160a01b03851684529091528120546113e18484611968565b6113eb9190612612565b9392505050565b806113fc836116c3565b8054911515600160a01b0260ff60a01b19909216919091179055604051811515815282907f0b37abf78cb0811fcc7b9ad54b5c267ec74963c22f7ebb00459c46603a7173129060200160405180910390a25050565b606060025f8381526020019081526020015f20805480602002602001604051908101604052809291908181526020015f905b828210156114cc575f84815260209081902060408051808201909152908401546001600160a01b0381168252600160a01b900461ffff1681830152825260019092019101611483565b505050509050919050565b5f6114e1836116c3565b805490915063ffffffff600160a81b9091048116908316106115255760405163cd77633f60e01b81526004810184905263ffffffff83166024820152604401610963565b5f83815260036020908152604080832063ffffffff8616845290915290208054600160e81b900460ff161561157c576040516307d4a28d60e41b81526004810185905263ffffffff84166024820152604401610963565b805460ff60e81b1916600160e81b17815560405163ffffffff84169085907f3ad4d294fab193595371f4e99445e547f4be7ace765691ee48dc643b1cce427a905f90a350505050565b5f81815260208181526040918290208251808401909352546001600160401b03808216808552600160401b90920416918301919091521580159061162457506201518081602001516001600160401b03166116209190612625565b4211155b156116455760405163537cb97760e11b815260048101839052602401610963565b6040805180820182526001600160401b03438116825242811660208084019182525f878152908190528481209351845492518416600160401b026001600160801b0319909316931692909217179091559051339184917ffda886b5d38d5d61e432b3acc9f19640a2b8c83c87a9c584a780d3854b309b9c9190a35050565b5f81815260016020526040902080546001600160a01b03166116fb57604051630b8e178760e21b815260048101839052602401610963565b80546001600160a01b0316331461172e57604051637639ead160e01b815260048101839052336024820152604401610963565b919050565b6040805160c081019091528061174c6020840184612774565b6001600160601b0316815260200182602001602081019061176d919061279a565b6001600160401b0316815260200161178b60608401604085016127b3565b63ffffffff1681526020016117a660808401606085016127cc565b151581525f602080830182905260409283018290528682526003815282822063ffffffff87811680855291835292849020855181548785015196880151606089015160808a015160a0909a01511515600160e81b0260ff60e81b199a8916600160c81b029a909a1664ffffffffff60c81b19911515600160c01b0260ff60c01b1993909916600160a01b029290921664ffffffffff60a01b196001600160401b03909a16600160601b026001600160a01b03199094166001600160601b03909516949094179290921797909716919091179490941793909316939093179390931790559084907ffabed647d6595b43aca1de7a6ced1a005a5522459bf47c83a11bbbb58c45472e906118ba90850185612774565b6118ca604086016020870161279a565b6118da60608701604088016127b3565b6118ea60808801606089016127cc565b604080516001600160601b0390951685526001600160401b03909316602085015263ffffffff909116918301919091521515606082015260800160405180910390a3505050565b611939611cd3565b61196660017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005b90611d13565b565b5f82815260056020526040812054808203611986575f915050610927565b5f848152600260205260408120805490918190036119d0575f868152600160205260409020546001600160a01b038681169116146119c4575f6119c6565b825b9350505050610927565b5f5b81811015611a48575f8382815481106119ed576119ed6125fe565b5f91825260209091200180549091506001600160a01b03808916911603611a3f57805461271090611a2990600160a01b900461ffff16876127e5565b611a3391906127fc565b95505050505050610927565b506001016119d2565b505f9695505050505050565b6119665f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00611960565b86611a9c576040516335b530d160e01b815260040160405180910390fd5b6040805160208101899052339181019190915260608101879052611ad89060800160405160208183030381529060405280519060200120611d1a565b5f878152600160205260409020546001600160a01b03168015611b20576040516358d0b70f60e11b8152600481018990526001600160a01b0382166024820152604401610963565b611b2a8686611e14565b611b348484611edb565b6010821115611b59576040516301d91f3d60e21b815260048101839052602401610963565b5050505050505050565b60408051608081018252338152851515602080830191825263ffffffff80881684860190815265ffffffffffff428116606087019081525f8d8152600190955296842095518654955192519751909116600160c81b0265ffffffffffff60c81b1997909316600160a81b029690961669ffffffffffffffffffff60a81b19911515600160a01b026001600160a81b03199095166001600160a01b03979097169690961793909317929092169390931717905583905b82811015611c74575f878152600260205260409020848483818110611c3f57611c3f6125fe565b83546001810185555f948552602090942060409091029290920192919091019050611c6a828261281b565b5050600101611c18565b50505050505050565b5f816001600160401b03165f03611c9c57506001600160401b03610927565b5f611cb36001600160401b03808516908616612625565b90506001600160401b0381106113eb576001600160401b03915050610927565b7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005c1561196657604051633ee5aeb560e01b815260040160405180910390fd5b80825d5050565b5f818152602081815260408083208151808301909252546001600160401b03808216808452600160401b90920416928201929092529103611d715760405163453d464760e11b815260048101839052602401610963565b80516001600160401b03164311611da9578051604051638880b1e960e01b81526001600160401b039091166004820152602401610963565b6201518081602001516001600160401b0316611dc59190612625565b421115611df657602081015160405163f4cab66960e01b81526001600160401b039091166004820152602401610963565b505f90815260208190526040902080546001600160801b0319169055565b61010082511115611e3d578151604051630ca8cb6960e11b815260040161096391815260200190565b601081511115611e6557805160405163787993ed60e11b815260040161096391815260200190565b5f5b8151811015610b2f576040828281518110611e8457611e846125fe565b6020026020010151511115611ed35780828281518110611ea657611ea66125fe565b60200260200101515160405163e5e8178d60e01b8152600401610963929190918252602082015260400190565b600101611e67565b5f819003611ee7575050565b6010811115611f0c5760405163193b488160e31b815260048101829052602401610963565b5f805b82811015612050575f848483818110611f2a57611f2a6125fe565b611f409260206040909202019081019150612875565b90505f858584818110611f5557611f556125fe565b9050604002016020016020810190611f6d9190612890565b61ffff1690506001600160a01b038216611f9d57604051632fbf2b7360e21b815260048101849052602401610963565b805f03611fc05760405163d3eeb4b160e01b815260048101849052602401610963565b5f5b8381101561203657826001600160a01b0316878783818110611fe657611fe66125fe565b611ffc9260206040909202019081019150612875565b6001600160a01b03160361202e57604051631b76e4e560e11b81526001600160a01b0384166004820152602401610963565b600101611fc2565b506120418185612625565b93505050806001019050611f0f565b506127108114610b2f576040516308eeb37960e41b815260048101829052602401610963565b5f5f82840360a0811215612088575f5ffd5b833592506080601f198201121561209d575f5ffd5b506020830190509250929050565b6001600160a01b03811681146120bf575f5ffd5b50565b5f5f604083850312156120d3575f5ffd5b8235915060208301356120e5816120ab565b809150509250929050565b5f5f5f60408486031215612102575f5ffd5b83356001600160401b03811115612117575f5ffd5b8401601f81018613612127575f5ffd5b80356001600160401b0381111561213c575f5ffd5b8660208260051b8401011115612150575f5ffd5b602091820194509250840135612165816120ab565b809150509250925092565b634e487b7160e01b5f52604160045260245ffd5b604051601f8201601f191681016001600160401b03811182821017156121ac576121ac612170565b604052919050565b5f82601f8301126121c3575f5ffd5b81356001600160401b038111156121dc576121dc612170565b6121ef601f8201601f1916602001612184565b818152846020838601011115612203575f5ffd5b816020850160208301375f918101602001919091529392505050565b5f82601f83011261222e575f5ffd5b81356001600160401b0381111561224757612247612170565b8060051b61225760208201612184565b91825260208185018101929081019086841115612272575f5ffd5b6020860192505b838310156122b75782356001600160401b03811115612296575f5ffd5b6122a5886020838a01016121b4565b83525060209283019290910190612279565b9695505050505050565b8035801515811461172e575f5ffd5b5f5f83601f8401126122e0575f5ffd5b5081356001600160401b038111156122f6575f5ffd5b6020830191508360208260061b8501011115612310575f5ffd5b9250929050565b5f5f83601f840112612327575f5ffd5b5081356001600160401b0381111561233d575f5ffd5b6020830191508360208260071b8501011115612310575f5ffd5b5f5f5f5f5f5f5f5f5f5f6101008b8d031215612371575f5ffd5b8a35995060208b0135985060408b01356001600160401b03811115612394575f5ffd5b6123a08d828e016121b4565b98505060608b01356001600160401b038111156123bb575f5ffd5b6123c78d828e0161221f565b97505060808b013595506123dd60a08c016122c1565b945060c08b01356001600160401b038111156123f7575f5ffd5b6124038d828e016122d0565b90955093505060e08b01356001600160401b03811115612421575f5ffd5b61242d8d828e01612317565b915080935050809150509295989b9194979a5092959850565b5f60208284031215612456575f5ffd5b5035919050565b80356001600160401b038116811461172e575f5ffd5b5f5f5f60608486031215612485575f5ffd5b833592506020840135612497816120ab565b91506124a56040850161245d565b90509250925092565b5f5f5f606084860312156124c0575f5ffd5b8335925060208401356124d2816120ab565b929592945050506040919091013590565b803563ffffffff8116811461172e575f5ffd5b5f5f5f60608486031215612508575f5ffd5b83359250612518602085016124e3565b9150604084013590509250925092565b5f5f60408385031215612539575f5ffd5b82359150612549602084016122c1565b90509250929050565b5f5f60408385031215612563575f5ffd5b82359150612549602084016124e3565b602080825282518282018190525f918401906040840190835b818110156125c357835180516001600160a01b0316845260209081015161ffff16818501529093019260409092019160010161258c565b509095945050505050565b634e487b7160e01b5f52601160045260245ffd5b63ffffffff8181168382160190811115610927576109276125ce565b634e487b7160e01b5f52603260045260245ffd5b81810381811115610927576109276125ce565b80820180821115610927576109276125ce565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b61ffff811681146120bf575f5ffd5b8183526020830192505f815f5b848110156126ca578135612695816120ab565b6001600160a01b0316865260208201356126ae81612666565b61ffff1660208701526040958601959190910190600101612682565b5093949350505050565b60a081525f6126e660a0830189612638565b828103602084015280885180835260208301915060208160051b84010160208b015f5b8381101561273b57601f19868403018552612725838351612638565b6020958601959093509190910190600101612709565b5050896040870152612751606087018a15159052565b858103608087015261276481888a612675565b9c9b505050505050505050505050565b5f60208284031215612784575f5ffd5b81356001600160601b03811681146113eb575f5ffd5b5f602082840312156127aa575f5ffd5b6113eb8261245d565b5f602082840312156127c3575f5ffd5b6113eb826124e3565b5f602082840312156127dc575f5ffd5b6113eb826122c1565b8082028115828204841417610927576109276125ce565b5f8261281657634e487b7160e01b5f52601260045260245ffd5b500490565b8135612826816120ab565b81546001600160a01b031981166001600160a01b03929092169182178355602084013561285281612666565b6001600160b01b03199190911690911760a09190911b61ffff60a01b1617905550565b5f60208284031215612885575f5ffd5b81356113eb816120ab565b5f602082840312156128a0575f5ffd5b81356113eb8161266656",
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
// the contract method with ID 0x01dfeef2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function addOffer(bytes32 root, (uint96,uint64,uint32,bool) terms) returns(uint32 offerId)
func (essaimRegistry *EssaimRegistry) PackAddOffer(root [32]byte, terms IEssaimRegistryOfferTerms) []byte {
	enc, err := essaimRegistry.abi.Pack("addOffer", root, terms)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAddOffer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x01dfeef2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function addOffer(bytes32 root, (uint96,uint64,uint32,bool) terms) returns(uint32 offerId)
func (essaimRegistry *EssaimRegistry) TryPackAddOffer(root [32]byte, terms IEssaimRegistryOfferTerms) ([]byte, error) {
	return essaimRegistry.abi.Pack("addOffer", root, terms)
}

// UnpackAddOffer is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x01dfeef2.
//
// Solidity: function addOffer(bytes32 root, (uint96,uint64,uint32,bool) terms) returns(uint32 offerId)
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
// Solidity: function licenses(bytes32 root, address account) view returns((uint64,bool))
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
// Solidity: function licenses(bytes32 root, address account) view returns((uint64,bool))
func (essaimRegistry *EssaimRegistry) TryPackLicenses(root [32]byte, account common.Address) ([]byte, error) {
	return essaimRegistry.abi.Pack("licenses", root, account)
}

// UnpackLicenses is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x66b1eceb.
//
// Solidity: function licenses(bytes32 root, address account) view returns((uint64,bool))
func (essaimRegistry *EssaimRegistry) UnpackLicenses(data []byte) (IEssaimRegistryLicense, error) {
	out, err := essaimRegistry.abi.Unpack("licenses", data)
	if err != nil {
		return *new(IEssaimRegistryLicense), err
	}
	out0 := *abi.ConvertType(out[0], new(IEssaimRegistryLicense)).(*IEssaimRegistryLicense)
	return out0, nil
}

// PackOffers is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xab6b7e7d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function offers(bytes32 root, uint32 offerId) view returns((uint96,uint64,uint32,bool,uint32,bool))
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
// Solidity: function offers(bytes32 root, uint32 offerId) view returns((uint96,uint64,uint32,bool,uint32,bool))
func (essaimRegistry *EssaimRegistry) TryPackOffers(root [32]byte, offerId uint32) ([]byte, error) {
	return essaimRegistry.abi.Pack("offers", root, offerId)
}

// UnpackOffers is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xab6b7e7d.
//
// Solidity: function offers(bytes32 root, uint32 offerId) view returns((uint96,uint64,uint32,bool,uint32,bool))
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

// PackRegister is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3b133631.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function register(bytes32 root, bytes32 salt, string title, string[] tags, bytes32 metadataHash, bool open, (address,uint16)[] splits, (uint96,uint64,uint32,bool)[] offerTerms) returns()
func (essaimRegistry *EssaimRegistry) PackRegister(root [32]byte, salt [32]byte, title string, tags []string, metadataHash [32]byte, open bool, splits []IEssaimRegistrySplit, offerTerms []IEssaimRegistryOfferTerms) []byte {
	enc, err := essaimRegistry.abi.Pack("register", root, salt, title, tags, metadataHash, open, splits, offerTerms)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegister is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3b133631.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function register(bytes32 root, bytes32 salt, string title, string[] tags, bytes32 metadataHash, bool open, (address,uint16)[] splits, (uint96,uint64,uint32,bool)[] offerTerms) returns()
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

// EssaimRegistryOfferAdded represents a OfferAdded event raised by the EssaimRegistry contract.
type EssaimRegistryOfferAdded struct {
	Root         [32]byte
	OfferId      uint32
	Price        *big.Int
	Duration     uint64
	Supply       uint32
	Transferable bool
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
// Solidity: event OfferAdded(bytes32 indexed root, uint32 indexed offerId, uint96 price, uint64 duration, uint32 supply, bool transferable)
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
