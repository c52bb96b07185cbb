// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {EssaimRegistry} from "../src/EssaimRegistry.sol";
import {IEssaimRegistry} from "../src/IEssaimRegistry.sol";
import {Test} from "forge-std/Test.sol";

/// @dev Shared fixture: a fresh registry, named actors and helpers to register works.
abstract contract RegistryTest is Test {
    EssaimRegistry internal reg;

    address internal creator = makeAddr("creator");
    address internal alice = makeAddr("alice");
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");

    bytes32 internal constant ROOT = keccak256("essaim work 1");
    bytes32 internal constant SALT = keccak256("salt");
    uint64 internal constant PERPETUAL = type(uint64).max;
    uint256 internal constant T0 = 1_750_000_000;

    function setUp() public virtual {
        reg = new EssaimRegistry();
        vm.roll(100);
        vm.warp(T0);
        vm.deal(alice, 100 ether);
        vm.deal(bob, 100 ether);
        vm.deal(carol, 100 ether);
    }

    // --------------------------------------------------------------- builders

    function _tags() internal pure returns (string[] memory tags) {
        tags = new string[](2);
        tags[0] = "music";
        tags[1] = "cc";
    }

    function _noSplits() internal pure returns (IEssaimRegistry.Split[] memory) {
        return new IEssaimRegistry.Split[](0);
    }

    function _splits2(address a, uint16 bpsA, address b, uint16 bpsB)
        internal
        pure
        returns (IEssaimRegistry.Split[] memory s)
    {
        s = new IEssaimRegistry.Split[](2);
        s[0] = IEssaimRegistry.Split(a, bpsA);
        s[1] = IEssaimRegistry.Split(b, bpsB);
    }

    function _terms(uint96 price, uint64 duration, uint32 supply, bool transferable)
        internal
        pure
        returns (IEssaimRegistry.OfferTerms memory)
    {
        return IEssaimRegistry.OfferTerms(price, duration, supply, transferable, 0);
    }

    /// @dev A transferable offer whose licenses pay `royaltyBps` of every resale to the payees.
    function _royaltyTerms(uint96 price, uint64 duration, uint16 royaltyBps)
        internal
        pure
        returns (IEssaimRegistry.OfferTerms memory)
    {
        return IEssaimRegistry.OfferTerms(price, duration, 0, true, royaltyBps);
    }

    function _offers1(uint96 price, uint64 duration, uint32 supply, bool transferable)
        internal
        pure
        returns (IEssaimRegistry.OfferTerms[] memory o)
    {
        o = new IEssaimRegistry.OfferTerms[](1);
        o[0] = _terms(price, duration, supply, transferable);
    }

    function _noOffers() internal pure returns (IEssaimRegistry.OfferTerms[] memory) {
        return new IEssaimRegistry.OfferTerms[](0);
    }

    // ---------------------------------------------------------------- actions

    /// @dev Commits as `who`, moves one block (12 s) on.
    function _commit(address who, bytes32 root, bytes32 salt) internal {
        vm.prank(who);
        reg.commit(reg.computeCommitment(root, who, salt));
        _nextBlock(12);
    }

    function _nextBlock(uint256 secs) internal {
        vm.roll(block.number + 1);
        vm.warp(block.timestamp + secs);
    }

    function _register(
        address who,
        bytes32 root,
        bool open,
        IEssaimRegistry.Split[] memory splits,
        IEssaimRegistry.OfferTerms[] memory offerTerms
    ) internal {
        _commit(who, root, SALT);
        vm.prank(who);
        reg.register(root, SALT, "A title", _tags(), keccak256("meta"), open, splits, offerTerms);
    }

    /// @dev ROOT by `creator`, no splits, one offer.
    function _registerDefault(uint96 price, uint64 duration, uint32 supply, bool transferable) internal {
        _register(creator, ROOT, false, _noSplits(), _offers1(price, duration, supply, transferable));
    }

    function _buy(address who, bytes32 root, uint32 offerId, uint256 price) internal {
        vm.prank(who);
        reg.buy{value: price}(root, offerId, price);
    }

    function _roots1(bytes32 root) internal pure returns (bytes32[] memory r) {
        r = new bytes32[](1);
        r[0] = root;
    }

    function _roots2(bytes32 a, bytes32 b) internal pure returns (bytes32[] memory r) {
        r = new bytes32[](2);
        r[0] = a;
        r[1] = b;
    }

    /// @dev `who` withdraws what the listed works owe it, to itself.
    function _withdraw(address who, bytes32[] memory roots) internal {
        vm.prank(who);
        reg.withdraw(roots, payable(who));
    }

    function _err(bytes4 selector) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(selector);
    }
}
