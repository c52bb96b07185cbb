package devnet

import (
	"crypto/ecdsa"
	"maps"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"essaim/chain"
)

// Mnemonic is the public BIP-39 phrase Anvil and Hardhat derive their
// development accounts from, at m/44'/60'/0'/0/i.
const Mnemonic = "test test test test test test test test test test test junk"

// Account is one funded development account. Its key is public knowledge:
// anything sent to it on a real chain is taken within seconds.
type Account struct {
	Address common.Address
	Key     *ecdsa.PrivateKey
}

// KeyHex returns the private key as 0x-prefixed hex, the form cast and
// MetaMask accept.
func (a Account) KeyHex() string {
	return "0x" + common.Bytes2Hex(crypto.FromECDSA(a.Key))
}

// devKeys are the first ten keys derived from Mnemonic. They are written out
// rather than derived at run time so the package needs no BIP-32 code;
// TestDevAccountsDeriveFromMnemonic derives them and checks every one.
var devKeys = [...]string{
	"ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
	"59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
	"5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
	"7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
	"47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
	"8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
	"92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
	"4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
	"dbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
	"2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6",
}

// Accounts returns Anvil's ten development accounts, in order. Each call
// returns fresh values the caller may keep.
func Accounts() []Account {
	out := make([]Account, len(devKeys))
	for i, h := range devKeys {
		key, err := crypto.HexToECDSA(h)
		if err != nil {
			panic("devnet: bad built-in key: " + err.Error()) // a constant above is wrong
		}
		out[i] = Account{Address: crypto.PubkeyToAddress(key.PublicKey), Key: key}
	}
	return out
}

// Create2Deployer is the deterministic deployment proxy
// (github.com/Arachnid/deterministic-deployment-proxy) that Anvil places in
// genesis, chain.Create2Factory: calling it with salt ‖ initcode deploys
// initcode with CREATE2 and returns the 20-byte address, so a contract lands
// at the same address on the devnet, on Anvil and on public chains.
var Create2Deployer = chain.Create2Factory

// create2DeployerCode is the proxy's runtime bytecode, as deployed on mainnet
// and preinstalled by Anvil.
var create2DeployerCode = common.FromHex("0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe03601600081602082378035828234f58015156039578182fd5b8082525050506014600cf3")

// genesisAlloc funds the development accounts and installs the system
// contracts the enabled forks call into, plus the CREATE2 deployer.
func genesisAlloc(c config) types.GenesisAlloc {
	alloc := core.SystemContractAllocs()
	funded := make(types.GenesisAlloc, len(devKeys)+1)
	for _, a := range Accounts() {
		funded[a.Address] = types.Account{Balance: c.balance}
	}
	funded[Create2Deployer] = types.Account{Code: create2DeployerCode, Balance: common.Big0}
	maps.Copy(alloc, funded)
	return alloc
}
