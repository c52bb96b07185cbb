// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEssaimRegistry} from "../src/IEssaimRegistry.sol";
import {RegistryTest} from "./Base.t.sol";
import {ReentrantPayee} from "./mocks/Payees.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @dev list, unlist, buyListing, royalties, resale proceeds and how they are withdrawn.
contract ResaleTest is RegistryTest {
    uint96 internal constant PRICE = 1 ether;
    uint96 internal constant RESALE = 0.8 ether;
    uint16 internal constant ROYALTY = 1000; // 10%

    function setUp() public override {
        super.setUp();
        // Offer 0: 30 days, transferable, 10% royalty. Offer 1: 30 days, non-transferable.
        // Offer 2: perpetual, transferable, no royalty. Payees: creator 70%, carol 30%.
        IEssaimRegistry.OfferTerms[] memory o = new IEssaimRegistry.OfferTerms[](3);
        o[0] = _royaltyTerms(PRICE, 30 days, ROYALTY);
        o[1] = _terms(0.5 ether, 30 days, 0, false);
        o[2] = _royaltyTerms(2 ether, 0, 0);
        _register(creator, ROOT, false, _splits2(creator, 7000, carol, 3000), o);
        _buy(alice, ROOT, 0, PRICE);
    }

    function _list(address who, uint96 price) internal returns (uint64 version) {
        vm.prank(who);
        version = reg.list(ROOT, price);
    }

    function _buyListing(address who, address seller, uint64 version, uint256 price) internal {
        vm.prank(who);
        reg.buyListing{value: price}(ROOT, seller, version, price);
    }

    /// @dev Nothing was resold: alice still holds her license, her listing is still `version`,
    /// and the contract holds only the first sale.
    function _assertNoResale(uint64 version) internal view {
        assertEq(reg.licenses(ROOT, alice).expiry, T0 + 12 + 30 days, "the seller keeps her license");
        assertEq(reg.listings(ROOT, alice).version, version);
        assertEq(reg.revenue(ROOT), PRICE, "no royalty");
        assertEq(reg.proceeds(alice), 0, "no proceeds");
        assertEq(address(reg).balance, PRICE, "no ether kept");
    }

    // -------------------------------------------------------------------- list

    function test_List_RecordsAndEmits() public {
        vm.expectEmit(address(reg));
        emit IEssaimRegistry.LicenseListed(ROOT, alice, RESALE, 1);
        assertEq(_list(alice, RESALE), 1);
        IEssaimRegistry.Listing memory l = reg.listings(ROOT, alice);
        assertEq(l.price, RESALE);
        assertEq(l.version, 1);
        assertTrue(l.active);
        // A new price is a new version.
        assertEq(_list(alice, 2 * RESALE), 2);
        assertEq(reg.listings(ROOT, alice).price, 2 * RESALE);
    }

    function test_RevertWhen_ListWithoutLicense() public {
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNoValidLicense.selector, ROOT, bob));
        _list(bob, RESALE);
    }

    function test_RevertWhen_ListExpiredLicense() public {
        vm.warp(reg.licenses(ROOT, alice).expiry);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNoValidLicense.selector, ROOT, alice));
        _list(alice, RESALE);
    }

    function test_RevertWhen_ListNonTransferable() public {
        _buy(bob, ROOT, 1, 0.5 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryLicenseNotTransferable.selector, ROOT, bob)
        );
        _list(bob, RESALE);
    }

    function test_Unlist() public {
        _list(alice, RESALE);
        vm.expectEmit(address(reg));
        emit IEssaimRegistry.LicenseUnlisted(ROOT, alice, 1);
        vm.prank(alice);
        reg.unlist(ROOT);
        assertFalse(reg.listings(ROOT, alice).active);
        assertEq(reg.listings(ROOT, alice).version, 1, "the version stays");
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNotListed.selector, ROOT, alice));
        _buyListing(bob, alice, 1, RESALE);
    }

    function test_RevertWhen_UnlistNotListed() public {
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNotListed.selector, ROOT, alice));
        vm.prank(alice);
        reg.unlist(ROOT);
    }

    // ------------------------------------------------------------- buyListing

    function test_BuyListing_MovesLicenseAndSplitsThePrice() public {
        uint64 expiry = reg.licenses(ROOT, alice).expiry;
        uint64 version = _list(alice, RESALE);
        vm.warp(block.timestamp + 10 days);
        vm.expectEmit(address(reg));
        emit IEssaimRegistry.LicenseResold(ROOT, alice, bob, RESALE, 0.08 ether, expiry);
        _buyListing(bob, alice, version, RESALE);

        // The license moved with its remaining time and its royalty.
        IEssaimRegistry.License memory l = reg.licenses(ROOT, bob);
        assertEq(l.expiry, expiry);
        assertTrue(l.transferable);
        assertEq(l.royaltyBps, ROYALTY);
        assertEq(reg.licenses(ROOT, alice).expiry, 0);
        assertFalse(reg.hasValidLicense(ROOT, alice));
        assertTrue(reg.hasValidLicense(ROOT, bob));
        assertFalse(reg.listings(ROOT, alice).active);

        // 10% to the work's payees through its revenue (70/30), the rest to the seller.
        assertEq(reg.revenue(ROOT), PRICE + 0.08 ether);
        assertEq(reg.owed(ROOT, creator), 0.756 ether);
        assertEq(reg.owed(ROOT, carol), 0.324 ether);
        assertEq(reg.proceeds(alice), 0.72 ether);
        assertEq(bob.balance, 100 ether - RESALE);
        assertEq(address(reg).balance, PRICE + RESALE);
        assertEq(reg.offers(ROOT, 0).sold, 1, "a resale is no sale of the offer");
    }

    /// @dev The royalty is floor(price * bps / 10000); the seller gets the rest, to the wei.
    function test_BuyListing_RoyaltyRoundsDown() public {
        uint64 version = _list(alice, 999);
        _buyListing(bob, alice, version, 999);
        assertEq(reg.revenue(ROOT) - PRICE, 99);
        assertEq(reg.proceeds(alice), 900);
    }

    function test_BuyListing_NoRoyalty() public {
        _buy(bob, ROOT, 2, 2 ether);
        vm.prank(bob);
        uint64 version = reg.list(ROOT, RESALE);
        _buyListing(carol, bob, version, RESALE);
        assertEq(reg.revenue(ROOT), PRICE + 2 ether, "no royalty added");
        assertEq(reg.proceeds(bob), RESALE);
        assertEq(reg.licenses(ROOT, carol).expiry, PERPETUAL);
    }

    function test_BuyListing_WholePriceAsRoyalty() public {
        vm.prank(creator);
        uint32 id = reg.addOffer(ROOT, _royaltyTerms(PRICE, 0, 10_000));
        _buy(bob, ROOT, id, PRICE);
        vm.prank(bob);
        uint64 version = reg.list(ROOT, RESALE);
        _buyListing(carol, bob, version, RESALE);
        assertEq(reg.revenue(ROOT), 2 * PRICE + RESALE);
        assertEq(reg.proceeds(bob), 0);
    }

    function test_BuyListing_FreeListing() public {
        uint64 version = _list(alice, 0);
        _buyListing(bob, alice, version, 0);
        assertTrue(reg.hasValidLicense(ROOT, bob));
        assertEq(reg.revenue(ROOT), PRICE);
        assertEq(reg.proceeds(alice), 0);
    }

    /// @dev The buyer's own transferable license merges as a transfer does: the later expiry,
    /// the higher royalty.
    function test_BuyListing_MergesWithBuyersLicense() public {
        _buy(bob, ROOT, 2, 2 ether); // perpetual, no royalty
        uint64 version = _list(alice, RESALE);
        _buyListing(bob, alice, version, RESALE);
        IEssaimRegistry.License memory l = reg.licenses(ROOT, bob);
        assertEq(l.expiry, PERPETUAL);
        assertEq(l.royaltyBps, ROYALTY);
    }

    /// @dev The royalty is the offer's when the license was bought: a later change of offers
    /// does not alter it.
    function test_BuyListing_RoyaltyFixedWhenBought() public {
        vm.startPrank(creator);
        reg.retireOffer(ROOT, 0);
        reg.addOffer(ROOT, _royaltyTerms(PRICE, 30 days, 0));
        vm.stopPrank();
        uint64 version = _list(alice, RESALE);
        _buyListing(bob, alice, version, RESALE);
        assertEq(reg.revenue(ROOT) - PRICE, 0.08 ether);
    }

    // ---------------------------------------------- a listing changed meanwhile

    /// @dev The seller raises the price while a purchase of version 1 is pending: the purchase
    /// fails, whatever it sent, and nothing changes.
    function test_RevertWhen_BuyListingRepricedMeanwhile() public {
        uint64 seen = _list(alice, RESALE);
        _list(alice, 2 * RESALE);
        vm.expectRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryListingChanged.selector, ROOT, alice, seen + 1)
        );
        _buyListing(bob, alice, seen, RESALE);
        vm.expectRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryListingChanged.selector, ROOT, alice, seen + 1)
        );
        vm.prank(bob);
        reg.buyListing{value: 2 * RESALE}(ROOT, alice, seen, 2 * RESALE);
        _assertNoResale(2);
    }

    /// @dev Unlisted and listed again at the same price: a new version, so a purchase of the
    /// old one still fails (no ABA).
    function test_RevertWhen_BuyListingRelistedSamePrice() public {
        uint64 seen = _list(alice, RESALE);
        vm.prank(alice);
        reg.unlist(ROOT);
        _list(alice, RESALE);
        vm.expectRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryListingChanged.selector, ROOT, alice, seen + 1)
        );
        _buyListing(bob, alice, seen, RESALE);
        _assertNoResale(2);
    }

    /// @dev A transfer ends the listing; a license received back and listed again is another
    /// version.
    function test_RevertWhen_BuyListingAfterTransferAwayAndBack() public {
        uint64 seen = _list(alice, RESALE);
        vm.expectEmit(address(reg));
        emit IEssaimRegistry.LicenseUnlisted(ROOT, alice, seen);
        vm.prank(alice);
        reg.transferLicense(ROOT, carol);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNotListed.selector, ROOT, alice));
        _buyListing(bob, alice, seen, RESALE);

        vm.prank(carol);
        reg.transferLicense(ROOT, alice);
        _list(alice, RESALE);
        vm.expectRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryListingChanged.selector, ROOT, alice, seen + 1)
        );
        _buyListing(bob, alice, seen, RESALE);
    }

    /// @dev Two buyers race for one listing: the first mined gets it, the second fails and keeps
    /// its ether.
    function test_RevertWhen_BuyListingAlreadySold() public {
        uint64 version = _list(alice, RESALE);
        _buyListing(bob, alice, version, RESALE);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNotListed.selector, ROOT, alice));
        _buyListing(carol, alice, version, RESALE);
        assertEq(carol.balance, 100 ether);
        assertTrue(reg.hasValidLicense(ROOT, bob));
    }

    function test_RevertWhen_BuyListingPriceAboveMax() public {
        uint64 version = _list(alice, RESALE);
        vm.expectRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryPriceAboveMax.selector, RESALE, RESALE - 1)
        );
        vm.prank(bob);
        reg.buyListing{value: RESALE}(ROOT, alice, version, RESALE - 1);
        _assertNoResale(version);
    }

    function test_RevertWhen_BuyListingWrongPayment() public {
        uint64 version = _list(alice, RESALE);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryWrongPayment.selector, RESALE, RESALE + 1));
        vm.prank(bob);
        reg.buyListing{value: RESALE + 1}(ROOT, alice, version, RESALE + 1);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryWrongPayment.selector, RESALE, RESALE - 1));
        vm.prank(bob);
        reg.buyListing{value: RESALE - 1}(ROOT, alice, version, RESALE);
        _assertNoResale(version);
    }

    function test_RevertWhen_BuyListingNeverListed() public {
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNotListed.selector, ROOT, alice));
        _buyListing(bob, alice, 0, RESALE);
    }

    function test_RevertWhen_BuyOwnListing() public {
        uint64 version = _list(alice, RESALE);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryInvalidRecipient.selector, alice));
        _buyListing(alice, alice, version, RESALE);
        _assertNoResale(version);
    }

    /// @dev A listing whose license ran out sells nothing.
    function test_RevertWhen_BuyListingOfExpiredLicense() public {
        uint64 version = _list(alice, RESALE);
        vm.warp(reg.licenses(ROOT, alice).expiry);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNoValidLicense.selector, ROOT, alice));
        _buyListing(bob, alice, version, RESALE);
    }

    /// @dev The seller extends with a non-transferable offer while listed: no longer for sale.
    function test_RevertWhen_BuyListingMadeNonTransferable() public {
        uint64 version = _list(alice, RESALE);
        _buy(alice, ROOT, 1, 0.5 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryLicenseNotTransferable.selector, ROOT, alice)
        );
        _buyListing(bob, alice, version, RESALE);
    }

    function test_RevertWhen_BuyListingOntoValidNonTransferable() public {
        _buy(bob, ROOT, 1, 0.5 ether);
        uint64 version = _list(alice, RESALE);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNonTransferableHeld.selector, ROOT, bob));
        _buyListing(bob, alice, version, RESALE);
        assertTrue(reg.listings(ROOT, alice).active);
        assertEq(reg.proceeds(alice), 0);
        assertFalse(reg.licenses(ROOT, bob).transferable);
    }

    // -------------------------------------------------------- merging records

    /// @dev Buying again never lowers the royalty of a valid license; after it ran out, the new
    /// offer's royalty applies.
    function test_Buy_ExtensionKeepsTheHigherRoyalty() public {
        vm.prank(creator);
        uint32 id = reg.addOffer(ROOT, _royaltyTerms(PRICE, 30 days, 0));
        _buy(alice, ROOT, id, PRICE);
        assertEq(reg.licenses(ROOT, alice).royaltyBps, ROYALTY);
        vm.warp(reg.licenses(ROOT, alice).expiry);
        _buy(alice, ROOT, id, PRICE);
        assertEq(reg.licenses(ROOT, alice).royaltyBps, 0);
        vm.prank(creator);
        uint32 high = reg.addOffer(ROOT, _royaltyTerms(PRICE, 30 days, 2500));
        _buy(alice, ROOT, high, PRICE);
        assertEq(reg.licenses(ROOT, alice).royaltyBps, 2500);
    }

    function test_Transfer_KeepsTheHigherRoyalty() public {
        _buy(bob, ROOT, 2, 2 ether); // perpetual, no royalty
        vm.prank(bob);
        reg.transferLicense(ROOT, alice);
        assertEq(reg.licenses(ROOT, alice).royaltyBps, ROYALTY);
        assertEq(reg.licenses(ROOT, alice).expiry, PERPETUAL);
        // An expired record's royalty does not stick: carol's 10% license ran out before she
        // received one without royalty.
        _buy(carol, ROOT, 0, PRICE);
        vm.warp(reg.licenses(ROOT, carol).expiry);
        _buy(bob, ROOT, 2, 2 ether);
        vm.prank(bob);
        reg.transferLicense(ROOT, carol);
        assertEq(reg.licenses(ROOT, carol).royaltyBps, 0);
    }

    function test_RevertWhen_OfferRoyaltyAboveWhole() public {
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryRoyaltyTooHigh.selector, 10_001));
        vm.prank(creator);
        reg.addOffer(ROOT, _royaltyTerms(PRICE, 0, 10_001));

        bytes32 root2 = keccak256("essaim work 2");
        IEssaimRegistry.OfferTerms[] memory o = new IEssaimRegistry.OfferTerms[](1);
        o[0] = _royaltyTerms(PRICE, 0, type(uint16).max);
        _commit(creator, root2, SALT);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryRoyaltyTooHigh.selector, type(uint16).max));
        vm.prank(creator);
        reg.register(root2, SALT, "t", _tags(), 0, false, _noSplits(), o);
        assertEq(reg.works(root2).creator, address(0));
    }

    // -------------------------------------------------------------- withdraw

    function test_Withdraw_ProceedsWithNoWork() public {
        uint64 version = _list(alice, RESALE);
        _buyListing(bob, alice, version, RESALE);
        uint256 before = alice.balance;
        vm.expectEmit(address(reg));
        emit IEssaimRegistry.ProceedsClaimed(alice, 0.72 ether);
        vm.expectEmit(address(reg));
        emit IEssaimRegistry.Withdrawn(alice, alice, 0.72 ether);
        _withdraw(alice, new bytes32[](0));
        assertEq(alice.balance - before, 0.72 ether);
        assertEq(reg.proceeds(alice), 0);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNothingToWithdraw.selector, alice));
        _withdraw(alice, new bytes32[](0));
    }

    /// @dev Everyone withdraws: the creator its share of the sale and of the royalty, the other
    /// payee likewise, the seller the rest of the resale price; nothing is left.
    function test_Withdraw_EveryoneToTheWei() public {
        uint64 version = _list(alice, RESALE);
        _buyListing(bob, alice, version, RESALE);
        _withdraw(creator, _roots1(ROOT));
        _withdraw(carol, _roots1(ROOT));
        _withdraw(alice, _roots1(ROOT));
        assertEq(creator.balance, 0.756 ether);
        assertEq(carol.balance, 100 ether + 0.324 ether);
        assertEq(alice.balance, 100 ether - PRICE + 0.72 ether);
        assertEq(address(reg).balance, 0);
    }

    /// @dev A payee who also resold collects both in one withdrawal.
    function test_Withdraw_ProceedsAndRevenueTogether() public {
        _buy(carol, ROOT, 0, PRICE);
        vm.prank(carol);
        uint64 version = reg.list(ROOT, RESALE);
        _buyListing(bob, carol, version, RESALE);
        uint256 before = carol.balance;
        _withdraw(carol, _roots1(ROOT));
        // 30% of (2 ether + 0.08 ether royalty), and 0.72 ether of proceeds.
        assertEq(carol.balance - before, 0.624 ether + 0.72 ether);
    }

    // ------------------------------------------------------------- reentrancy

    /// @dev A seller contract whose receive() tries to buy another listing while its proceeds are
    /// paid: the inner call reverts, the outer withdrawal pays once.
    function test_ReentrantBuyListingFromReceiveReverts() public {
        ReentrantPayee seller = new ReentrantPayee(reg);
        vm.deal(address(seller), 10 ether);
        seller.buy(ROOT, 0, PRICE);
        seller.list(ROOT, RESALE);
        _buyListing(bob, address(seller), 1, RESALE);
        uint64 version = _list(alice, RESALE);
        seller.arm(ReentrantPayee.Mode.BuyListing, false, ROOT, 0, RESALE);
        seller.armListing(alice, version);
        uint256 before = address(seller).balance;
        seller.withdraw(new bytes32[](0));
        assertEq(seller.attempts(), 1);
        assertFalse(seller.innerSucceeded());
        assertEq(seller.innerError(), _err(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector));
        assertEq(address(seller).balance - before, 0.72 ether, "paid once");
        assertTrue(reg.listings(ROOT, alice).active, "the inner purchase did not happen");
        assertEq(address(reg).balance, reg.owed(ROOT, creator) + reg.owed(ROOT, carol));
    }

    /// @dev buyListing never calls out: neither the seller nor the payees are paid at sale time.
    function test_BuyListingMakesNoExternalCall() public {
        ReentrantPayee seller = new ReentrantPayee(reg);
        vm.deal(address(seller), 10 ether);
        seller.buy(ROOT, 0, PRICE);
        seller.list(ROOT, RESALE);
        seller.arm(ReentrantPayee.Mode.Withdraw, false, ROOT, 0, 0);
        _buyListing(bob, address(seller), 1, RESALE);
        assertEq(seller.attempts(), 0);
        assertEq(reg.proceeds(address(seller)), 0.72 ether);
    }

    // ------------------------------------------------------------------- fuzz

    /// @dev For any price and royalty, the royalty is the floor of the share, the seller gets
    /// exactly the rest, and everything the buyer paid is owed to someone.
    function testFuzz_ResaleSplitsThePriceExactly(uint96 price, uint16 bps, uint96 resale) public {
        bps = uint16(bound(bps, 0, 10_000));
        vm.prank(creator);
        uint32 id = reg.addOffer(ROOT, _royaltyTerms(price, 0, bps));
        vm.deal(bob, uint256(price) + 1);
        _buy(bob, ROOT, id, price);
        vm.prank(bob);
        uint64 version = reg.list(ROOT, resale);
        vm.deal(carol, resale);
        _buyListing(carol, bob, version, resale);
        uint256 royalty = uint256(resale) * bps / 10_000;
        assertEq(reg.revenue(ROOT), uint256(PRICE) + price + royalty);
        assertEq(reg.proceeds(bob), resale - royalty);
        uint256 owed = reg.owed(ROOT, creator) + reg.owed(ROOT, carol) + reg.proceeds(bob);
        assertEq(address(reg).balance, uint256(PRICE) + price + resale);
        assertLe(address(reg).balance - owed, 1, "at most the dust of two splits");
    }
}
