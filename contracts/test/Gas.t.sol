// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEssaimRegistry} from "../src/IEssaimRegistry.sol";
import {RegistryTest} from "./Base.t.sol";
import {console2} from "forge-std/Test.sol";

/// @dev Gas budgets for the typical calls. Every measured call starts with cold storage
/// (vm.cool), as the first call of a transaction would. Under `--isolate` each call is its own
/// transaction and the figures are a transaction's gasUsed (intrinsic 21000 and calldata
/// included, equal to Anvil's receipts); without it they are execution gas only, which is
/// lower, so the budgets hold in both modes. The table in docs/BENCHMARKS.md comes from
/// `scripts/forge.sh test --match-contract GasTest --isolate --gas-report -vv`.
contract GasTest is RegistryTest {
    uint256 internal constant REGISTER_BUDGET = 150_000; // commit + register
    /// @dev Every buy, without exception: buy takes exactly the price and writes no balance
    /// (neither a payee's nor the buyer's), so the first sale of a work (revenue slot zero ->
    /// non-zero) and the sale after the payees withdrew everything are within it too.
    uint256 internal constant BUY_BUDGET = 100_000;
    uint256 internal constant LIST_BUDGET = 60_000;
    /// @dev Every buyListing, the costliest included: a first resale of a free offer's license,
    /// which creates the buyer's license, the work's revenue slot and the seller's proceeds slot.
    uint256 internal constant BUY_LISTING_BUDGET = 110_000;

    bytes32 internal constant ROOT2 = keccak256("essaim work 2");

    function _used() internal view returns (uint256) {
        return vm.lastCallGas().gasTotalUsed;
    }

    function _registerShort(IEssaimRegistry.Split[] memory s) internal returns (uint256 commitGas, uint256 regGas) {
        bytes32 c = reg.computeCommitment(ROOT, creator, SALT);
        vm.cool(address(reg));
        vm.prank(creator);
        reg.commit(c);
        commitGas = _used();
        _nextBlock(12);
        vm.cool(address(reg));
        vm.prank(creator);
        reg.register(ROOT, SALT, "My album", _tags(), keccak256("meta"), false, s, _offers1(0.01 ether, 0, 0, true));
        regGas = _used();
    }

    /// @dev A cold buy of offer `offerId` by `who`, paying exactly `price`, returning its gas.
    function _coldBuy(address who, bytes32 root, uint32 offerId, uint256 price) internal returns (uint256) {
        vm.cool(address(reg));
        vm.prank(who);
        reg.buy{value: price}(root, offerId, price);
        return _used();
    }

    function test_Gas_CommitAndRegisterWithinBudget() public {
        (uint256 commitGas, uint256 regGas) = _registerShort(_noSplits());
        console2.log("commit", commitGas);
        console2.log("register (short title, 2 tags, 1 offer, no splits)", regGas);
        console2.log("commit + register", commitGas + regGas);
        assertLe(commitGas + regGas, REGISTER_BUDGET);
    }

    function test_Gas_RegisterTwoSplits() public {
        (, uint256 regGas) = _registerShort(_splits2(creator, 7000, carol, 3000));
        console2.log("register (same, 2 splits)", regGas);
    }

    function test_Gas_BuyTwoSplitsWithinBudget() public {
        _registerShort(_splits2(creator, 7000, carol, 3000));
        uint256 first = _coldBuy(alice, ROOT, 0, 0.01 ether);
        uint256 later = _coldBuy(bob, ROOT, 0, 0.01 ether);
        uint256 extend = _coldBuy(alice, ROOT, 0, 0.01 ether);

        // Both payees withdraw everything; the next sale writes nothing they own.
        vm.prank(creator);
        reg.withdraw(_roots1(ROOT), payable(creator));
        vm.prank(carol);
        reg.withdraw(_roots1(ROOT), payable(carol));
        assertEq(reg.owed(ROOT, creator) + reg.owed(ROOT, carol), 0);
        uint256 afterWithdrawals = _coldBuy(carol, ROOT, 0, 0.01 ether);

        console2.log("buy, 2 splits, first sale of the work, new license", first);
        console2.log("buy, 2 splits, later sale, new license", later);
        console2.log("buy, 2 splits, extension of a held license", extend);
        console2.log("buy, 2 splits, right after both payees withdrew everything", afterWithdrawals);
        assertLe(first, BUY_BUDGET);
        assertLe(later, BUY_BUDGET);
        assertLe(extend, BUY_BUDGET);
        assertLe(afterWithdrawals, BUY_BUDGET);
    }

    function test_Gas_BuyNoSplits() public {
        _registerShort(_noSplits());
        uint256 first = _coldBuy(alice, ROOT, 0, 0.01 ether);
        console2.log("buy, no splits, first sale, new license", first);
        assertLe(first, BUY_BUDGET);
    }

    /// @dev A free offer (price 0, msg.value 0): no revenue write.
    function test_Gas_BuyFreeOffer() public {
        _registerShort(_noSplits());
        vm.prank(creator);
        reg.addOffer(ROOT, _terms(0, 30 days, 0, false));
        uint256 first = _coldBuy(alice, ROOT, 1, 0);
        console2.log("buy, free offer, new license", first);
        assertLe(first, BUY_BUDGET);
    }

    function test_Gas_Withdraw() public {
        _registerShort(_splits2(creator, 7000, carol, 3000));
        _buy(alice, ROOT, 0, 0.01 ether);
        vm.cool(address(reg));
        vm.prank(carol);
        reg.withdraw(_roots1(ROOT), payable(carol));
        console2.log("withdraw, 1 work (2 splits), first claim", _used());

        _buy(bob, ROOT, 0, 0.01 ether);
        vm.cool(address(reg));
        vm.prank(carol);
        reg.withdraw(_roots1(ROOT), payable(carol));
        console2.log("withdraw, 1 work (2 splits), later claim", _used());

        // A second work by the same creator, no splits: the creator claims both at once.
        _commit(creator, ROOT2, SALT);
        vm.prank(creator);
        reg.register(ROOT2, SALT, "t", _tags(), 0, false, _noSplits(), _offers1(0.01 ether, 0, 0, true));
        _buy(alice, ROOT2, 0, 0.01 ether);
        vm.cool(address(reg));
        vm.prank(creator);
        reg.withdraw(_roots2(ROOT, ROOT2), payable(creator));
        console2.log("withdraw, 2 works, first claims", _used());
    }

    /// @dev Offer 1: transferable, 30 days, 10% royalty; alice holds a license from it.
    function _resaleSetup(uint96 price) internal {
        _registerShort(_splits2(creator, 7000, carol, 3000));
        vm.prank(creator);
        reg.addOffer(ROOT, _royaltyTerms(price, 30 days, 1000));
        _buy(alice, ROOT, 1, price);
    }

    function _coldList(address who, uint96 price) internal returns (uint256) {
        vm.cool(address(reg));
        vm.prank(who);
        reg.list(ROOT, price);
        return _used();
    }

    function _coldBuyListing(address who, address seller, uint256 price) internal returns (uint256) {
        uint64 version = reg.listings(ROOT, seller).version;
        vm.cool(address(reg));
        vm.prank(who);
        reg.buyListing{value: price}(ROOT, seller, version, price);
        return _used();
    }

    function test_Gas_ResaleWithinBudget() public {
        _resaleSetup(0.01 ether);
        uint256 first = _coldList(alice, 0.008 ether);
        uint256 again = _coldList(alice, 0.009 ether);
        vm.cool(address(reg));
        vm.prank(alice);
        reg.unlist(ROOT);
        uint256 unlist = _used();
        _coldList(alice, 0.008 ether);
        uint256 firstResale = _coldBuyListing(bob, alice, 0.008 ether);

        // Alice buys again and resells to carol: her proceeds slot is non-zero already.
        _buy(alice, ROOT, 1, 0.01 ether);
        _coldList(alice, 0.008 ether);
        uint256 laterResale = _coldBuyListing(carol, alice, 0.008 ether);

        vm.cool(address(reg));
        vm.prank(alice);
        reg.withdraw(new bytes32[](0), payable(alice));
        uint256 proceeds = _used();

        console2.log("list, first listing of the license", first);
        console2.log("list, new price for a listed license", again);
        console2.log("unlist", unlist);
        console2.log("buyListing, 10% royalty, seller's first resale, new license", firstResale);
        console2.log("buyListing, 10% royalty, seller's later resale, new license", laterResale);
        console2.log("withdraw, resale proceeds only", proceeds);
        assertLe(first, LIST_BUDGET);
        assertLe(again, LIST_BUDGET);
        assertLe(firstResale, BUY_LISTING_BUDGET);
        assertLe(laterResale, BUY_LISTING_BUDGET);
    }

    /// @dev The costliest resale: the license came from a free offer, so the royalty creates the
    /// work's revenue slot, besides the seller's proceeds and the buyer's license.
    function test_Gas_BuyListingFirstRevenueWithinBudget() public {
        _resaleSetup(0);
        _coldList(alice, 0.008 ether);
        uint256 gasUsed = _coldBuyListing(bob, alice, 0.008 ether);
        console2.log("buyListing, 10% royalty, first revenue of the work, seller's first resale", gasUsed);
        assertEq(reg.revenue(ROOT), 0.0008 ether);
        assertLe(gasUsed, BUY_LISTING_BUDGET);
    }

    function test_Gas_OtherCalls() public {
        _registerShort(_noSplits());
        _buy(alice, ROOT, 0, 0.01 ether);

        vm.cool(address(reg));
        vm.prank(creator);
        reg.grant(ROOT, bob, 30 days);
        console2.log("grant", _used());

        vm.cool(address(reg));
        vm.prank(alice);
        reg.transferLicense(ROOT, carol);
        console2.log("transferLicense", _used());

        vm.cool(address(reg));
        vm.prank(creator);
        reg.addOffer(ROOT, _terms(1 ether, 30 days, 100, false));
        console2.log("addOffer", _used());

        vm.cool(address(reg));
        vm.prank(creator);
        reg.retireOffer(ROOT, 1);
        console2.log("retireOffer", _used());

        vm.cool(address(reg));
        vm.prank(creator);
        reg.setOpen(ROOT, true);
        console2.log("setOpen", _used());
    }
}
