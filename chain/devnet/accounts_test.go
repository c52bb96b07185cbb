package devnet

import (
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/sha512"
	"encoding/binary"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// wantAddresses are Anvil's published development addresses, in order.
var wantAddresses = []string{
	"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
	"0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
	"0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
	"0x90F79bf6EB2c4f870365E785982E1f101E93b906",
	"0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
	"0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
	"0x976EA74026E726554dB657fA54763abd0C3a0aa9",
	"0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
	"0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f",
	"0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
}

// TestDevAccountsDeriveFromMnemonic derives m/44'/60'/0'/0/i from Mnemonic
// (BIP-39 seed, BIP-32 derivation, written out here) and checks every
// built-in key and address against it.
func TestDevAccountsDeriveFromMnemonic(t *testing.T) {
	seed, err := pbkdf2.Key(sha512.New, Mnemonic, []byte("mnemonic"), 2048, 64)
	if err != nil {
		t.Fatal(err)
	}
	const hard = 0x80000000
	k, c := bip32Master(seed)
	for _, i := range []uint32{44 + hard, 60 + hard, 0 + hard, 0} {
		k, c = bip32Child(t, k, c, i)
	}
	accts := Accounts()
	if len(accts) != len(wantAddresses) {
		t.Fatalf("got %d accounts, want %d", len(accts), len(wantAddresses))
	}
	for i, a := range accts {
		key, _ := bip32Child(t, k, c, uint32(i))
		if got, want := a.KeyHex(), "0x"+common.Bytes2Hex(key); got != want {
			t.Errorf("account %d: key %s, derived %s", i, got, want)
		}
		if a.Address != common.HexToAddress(wantAddresses[i]) {
			t.Errorf("account %d: address %s, want %s", i, a.Address, wantAddresses[i])
		}
	}
}

func bip32Master(seed []byte) (key, chain []byte) {
	m := hmac.New(sha512.New, []byte("Bitcoin seed"))
	m.Write(seed)
	sum := m.Sum(nil)
	return sum[:32], sum[32:]
}

func bip32Child(t *testing.T, key, chain []byte, i uint32) (childKey, childChain []byte) {
	t.Helper()
	var data []byte
	if i >= 0x80000000 {
		data = append([]byte{0}, key...)
	} else {
		priv, err := crypto.ToECDSA(key)
		if err != nil {
			t.Fatal(err)
		}
		data = crypto.CompressPubkey(&priv.PublicKey)
	}
	data = binary.BigEndian.AppendUint32(data, i)
	m := hmac.New(sha512.New, chain)
	m.Write(data)
	sum := m.Sum(nil)
	n := crypto.S256().Params().N
	k := new(big.Int).Add(new(big.Int).SetBytes(sum[:32]), new(big.Int).SetBytes(key))
	k.Mod(k, n)
	return common.LeftPadBytes(k.Bytes(), 32), sum[32:]
}
