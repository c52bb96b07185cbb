// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEssaimRegistry} from "../src/IEssaimRegistry.sol";
import {RegistryTest} from "./Base.t.sol";

/// @dev buy (and extend), grant, transferLicense, hasValidLicense.
contract LicensesTest is RegistryTest {
    uint96 internal constant PRICE = 1 ether;

    function setUp() public override {
        super.setUp();
        // Offer 0: 30 days, non-transferable. Offer 1: perpetual, transferable, supply 2.
        IEssaimRegistry.OfferTerms[] memory o = new IEssaimRegistry.OfferTerms[](2);
        o[0] = _terms(PRICE, 30 days, 0, false);
        o[1] = _terms(3 ether, 0, 2, true);
        _register(creator, ROOT, false, _splits2(creator, 7000, carol, 3000), o);
    }

    // --------------------------------------------------------------------- buy

    function test_Buy_RecordsLicenseAndRevenue() public {
        uint64 expiry = uint64(block.timestamp + 30 days);
        vm.expectEmit(address(reg));
        emit IEssaimRegistry.LicensePurchased(ROOT, alice, 0, PRICE, expiry, false);
        _buy(alice, ROOT, 0, PRICE);
        IEssaimRegistry.License memory l = reg.licenses(ROOT, alice);
        assertEq(l.expiry, expiry);
        assertFalse(l.transferable);
        assertEq(reg.offers(ROOT, 0).sold, 1);
        assertEq(reg.revenue(ROOT), PRICE);
        assertEq(reg.owed(ROOT, creator), 0.7 ether);
        assertEq(reg.owed(ROOT, carol), 0.3 ether);
        assertEq(reg.claimed(ROOT, creator) + reg.claimed(ROOT, carol), 0, "no balance written");
        assertEq(alice.balance, 100 ether - PRICE);
        assertEq(address(reg).balance, PRICE);
    }

    function test_Buy_AgainExtendsFromCurrentExpiry() public {
        _buy(alice, ROOT, 0, PRICE);
        vm.warp(block.timestamp + 10 days);
        _buy(alice, ROOT, 0, PRICE);
        assertEq(reg.licenses(ROOT, alice).expiry, T0 + 12 + 60 days);
    }

    function test_Buy_AfterExpiryStartsFromNow() public {
        _buy(alice, ROOT, 0, PRICE);
        vm.warp(block.timestamp + 45 days);
        assertFalse(reg.hasValidLicense(ROOT, alice));
        _buy(alice, ROOT, 0, PRICE);
        assertEq(reg.licenses(ROOT, alice).expiry, block.timestamp + 30 days);
    }

    function test_Buy_PerpetualOfferAndExtendingPerpetual() public {
        _buy(alice, ROOT, 1, 3 ether);
        assertEq(reg.licenses(ROOT, alice).expiry, PERPETUAL);
        assertTrue(reg.licenses(ROOT, alice).transferable);
        vm.warp(type(uint64).max - 1);
        assertTrue(reg.hasValidLicense(ROOT, alice));
        // A timed extension of a perpetual license stays perpetual (and downgrades the flag).
        _buy(alice, ROOT, 0, PRICE);
        assertEq(reg.licenses(ROOT, alice).expiry, PERPETUAL);
        assertFalse(reg.licenses(ROOT, alice).transferable);
    }

    /// @dev Nothing was bought: no license, no sale, no revenue, no ether kept.
    function _assertNoSale(address who, uint32 offerId) internal view {
        assertEq(reg.licenses(ROOT, who).expiry, 0, "no license");
        assertEq(reg.offers(ROOT, offerId).sold, 0, "no sale");
        assertEq(reg.revenue(ROOT), 0, "no revenue");
        assertEq(address(reg).balance, 0, "no ether kept");
    }

    /// @dev The maxPrice check comes first, so the error carries the actual price even when the
    /// value is wrong too (a client that picked the wrong offer learns its price).
    function test_RevertWhen_BuyPriceAboveMax() public {
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryPriceAboveMax.selector, PRICE, PRICE - 1));
        vm.prank(alice);
        reg.buy{value: 2 ether}(ROOT, 0, PRICE - 1);
        // The same with the exact value: the maximum alone decides.
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryPriceAboveMax.selector, PRICE, PRICE - 1));
        vm.prank(alice);
        reg.buy{value: PRICE}(ROOT, 0, PRICE - 1);
        _assertNoSale(alice, 0);
    }

    function test_RevertWhen_BuyUnderpaid() public {
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryWrongPayment.selector, PRICE, PRICE - 1));
        vm.prank(alice);
        reg.buy{value: PRICE - 1}(ROOT, 0, PRICE);
        _assertNoSale(alice, 0);
    }

    /// @dev Paying more than the price reverts too: nothing is credited or refunded, ever.
    function test_RevertWhen_BuyOverpaid() public {
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryWrongPayment.selector, PRICE, PRICE + 1));
        vm.prank(alice);
        reg.buy{value: PRICE + 1}(ROOT, 0, PRICE);
        // Even when maxPrice covers the value sent.
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryWrongPayment.selector, PRICE, 1.5 ether));
        vm.prank(alice);
        reg.buy{value: 1.5 ether}(ROOT, 0, 1.5 ether);
        _assertNoSale(alice, 0);
        assertEq(alice.balance, 100 ether);
    }

    function test_RevertWhen_BuyWithoutValue() public {
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryWrongPayment.selector, PRICE, 0));
        vm.prank(alice);
        reg.buy(ROOT, 0, PRICE);
        _assertNoSale(alice, 0);
    }

    /// @dev A free offer is bought with msg.value == 0 (and any maxPrice): a license, a sale, no
    /// revenue.
    function test_Buy_FreeOfferWithZeroValue() public {
        vm.prank(creator);
        uint32 id = reg.addOffer(ROOT, _terms(0, 7 days, 0, false));
        uint64 expiry = uint64(block.timestamp + 7 days);
        vm.expectEmit(address(reg));
        emit IEssaimRegistry.LicensePurchased(ROOT, alice, id, 0, expiry, false);
        vm.prank(alice);
        reg.buy(ROOT, id, 0);
        assertEq(reg.licenses(ROOT, alice).expiry, expiry);
        assertEq(reg.offers(ROOT, id).sold, 1);
        assertEq(reg.revenue(ROOT), 0);
        assertEq(reg.owed(ROOT, creator), 0);
        assertEq(address(reg).balance, 0);
        assertEq(alice.balance, 100 ether);
    }

    function test_RevertWhen_BuyFreeOfferWithValue() public {
        vm.prank(creator);
        uint32 id = reg.addOffer(ROOT, _terms(0, 7 days, 0, false));
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryWrongPayment.selector, 0, 1));
        vm.prank(alice);
        reg.buy{value: 1}(ROOT, id, 1);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryWrongPayment.selector, 0, PRICE));
        vm.prank(alice);
        reg.buy{value: PRICE}(ROOT, id, PRICE);
        _assertNoSale(alice, id);
        assertEq(alice.balance, 100 ether);
    }

    function test_RevertWhen_BuyUnknownOffer() public {
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryOfferNotFound.selector, ROOT, 2));
        _buy(alice, ROOT, 2, PRICE);
    }

    function test_RevertWhen_BuyUnregistered() public {
        bytes32 other = keccak256("other");
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNotRegistered.selector, other));
        _buy(alice, other, 0, PRICE);
    }

    function test_Buy_SupplyCapBoundary() public {
        _buy(alice, ROOT, 1, 3 ether);
        _buy(bob, ROOT, 1, 3 ether); // the last one
        assertEq(reg.offers(ROOT, 1).sold, 2);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistrySoldOut.selector, ROOT, 1, 2));
        _buy(carol, ROOT, 1, 3 ether);
    }

    function test_RevertWhen_BuyTransferableOnTopOfNonTransferable() public {
        _buy(alice, ROOT, 0, PRICE);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNonTransferableHeld.selector, ROOT, alice));
        _buy(alice, ROOT, 1, 3 ether);
        // Once the non-transferable license has expired, the transferable offer can be bought.
        vm.warp(reg.licenses(ROOT, alice).expiry);
        _buy(alice, ROOT, 1, 3 ether);
        assertTrue(reg.licenses(ROOT, alice).transferable);
    }

    function test_Buy_TermChangesNeverAlterHeldLicenses() public {
        _buy(alice, ROOT, 0, PRICE);
        IEssaimRegistry.License memory before = reg.licenses(ROOT, alice);
        vm.startPrank(creator);
        reg.retireOffer(ROOT, 0);
        reg.addOffer(ROOT, _terms(10 ether, 1, 1, true));
        reg.setOpen(ROOT, false);
        vm.stopPrank();
        IEssaimRegistry.License memory afterwards = reg.licenses(ROOT, alice);
        assertEq(afterwards.expiry, before.expiry);
        assertEq(afterwards.transferable, before.transferable);
    }

    function test_Buy_HugeDurationSaturatesToPerpetual() public {
        vm.prank(creator);
        uint32 id = reg.addOffer(ROOT, _terms(PRICE, type(uint64).max - 1, 0, false));
        _buy(alice, ROOT, id, PRICE);
        assertEq(reg.licenses(ROOT, alice).expiry, PERPETUAL);
    }

    // ------------------------------------------------------------------- grant

    function test_Grant() public {
        vm.expectEmit(address(reg));
        emit IEssaimRegistry.LicenseGranted(ROOT, bob, uint64(block.timestamp + 7 days));
        vm.prank(creator);
        reg.grant(ROOT, bob, 7 days);
        IEssaimRegistry.License memory l = reg.licenses(ROOT, bob);
        assertEq(l.expiry, block.timestamp + 7 days);
        assertFalse(l.transferable);
        assertEq(address(reg).balance, 0);
    }

    function test_Grant_PerpetualWhenZeroDuration() public {
        vm.prank(creator);
        reg.grant(ROOT, bob, 0);
        assertEq(reg.licenses(ROOT, bob).expiry, PERPETUAL);
    }

    function test_Grant_NeverShortens() public {
        _buy(alice, ROOT, 1, 3 ether); // perpetual, transferable
        vm.expectEmit(address(reg));
        emit IEssaimRegistry.LicenseGranted(ROOT, alice, PERPETUAL);
        vm.prank(creator);
        reg.grant(ROOT, alice, 1 days);
        IEssaimRegistry.License memory l = reg.licenses(ROOT, alice);
        assertEq(l.expiry, PERPETUAL);
        assertTrue(l.transferable, "a grant that does not extend changes nothing");
    }

    function test_Grant_ExtendingMakesNonTransferable() public {
        vm.prank(creator);
        uint32 id = reg.addOffer(ROOT, _terms(PRICE, 1 days, 0, true));
        _buy(alice, ROOT, id, PRICE);
        vm.prank(creator);
        reg.grant(ROOT, alice, 10 days);
        IEssaimRegistry.License memory l = reg.licenses(ROOT, alice);
        assertEq(l.expiry, block.timestamp + 10 days);
        assertFalse(l.transferable);
    }

    function test_RevertWhen_GrantNotCreator() public {
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNotCreator.selector, ROOT, alice));
        vm.prank(alice);
        reg.grant(ROOT, alice, 0);
    }

    function test_RevertWhen_GrantNotRegistered() public {
        bytes32 other = keccak256("other");
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNotRegistered.selector, other));
        vm.prank(creator);
        reg.grant(other, alice, 0);
    }

    function test_RevertWhen_GrantToZero() public {
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryInvalidRecipient.selector, address(0)));
        vm.prank(creator);
        reg.grant(ROOT, address(0), 0);
    }

    // ---------------------------------------------------------------- transfer

    function test_TransferLicense() public {
        _buy(alice, ROOT, 1, 3 ether);
        vm.expectEmit(address(reg));
        emit IEssaimRegistry.LicenseTransferred(ROOT, alice, bob, PERPETUAL);
        vm.prank(alice);
        reg.transferLicense(ROOT, bob);
        assertEq(reg.licenses(ROOT, alice).expiry, 0, "sender record deleted");
        assertFalse(reg.hasValidLicense(ROOT, alice));
        assertTrue(reg.hasValidLicense(ROOT, bob));
        assertTrue(reg.licenses(ROOT, bob).transferable);
    }

    function test_TransferLicense_RecipientKeepsLaterExpiry() public {
        vm.prank(creator);
        uint32 shortId = reg.addOffer(ROOT, _terms(PRICE, 1 days, 0, true));
        vm.prank(creator);
        uint32 longId = reg.addOffer(ROOT, _terms(PRICE, 10 days, 0, true));
        _buy(alice, ROOT, shortId, PRICE);
        _buy(bob, ROOT, longId, PRICE);
        uint64 bobExpiry = reg.licenses(ROOT, bob).expiry;
        vm.prank(alice);
        reg.transferLicense(ROOT, bob);
        assertEq(reg.licenses(ROOT, bob).expiry, bobExpiry);
        // And the other way: the recipient gets the sender's later expiry.
        vm.prank(bob);
        reg.transferLicense(ROOT, carol);
        assertEq(reg.licenses(ROOT, carol).expiry, bobExpiry);
    }

    function test_TransferLicense_ToHolderOfExpiredNonTransferable() public {
        _buy(bob, ROOT, 0, PRICE); // non-transferable, 30 days
        _buy(alice, ROOT, 1, 3 ether);
        vm.warp(block.timestamp + 31 days);
        vm.prank(alice);
        reg.transferLicense(ROOT, bob);
        assertEq(reg.licenses(ROOT, bob).expiry, PERPETUAL);
        assertTrue(reg.licenses(ROOT, bob).transferable);
    }

    function test_RevertWhen_TransferNonTransferable() public {
        _buy(alice, ROOT, 0, PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryLicenseNotTransferable.selector, ROOT, alice)
        );
        vm.prank(alice);
        reg.transferLicense(ROOT, bob);
    }

    function test_RevertWhen_TransferGrantedLicense() public {
        vm.prank(creator);
        reg.grant(ROOT, alice, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryLicenseNotTransferable.selector, ROOT, alice)
        );
        vm.prank(alice);
        reg.transferLicense(ROOT, bob);
    }

    function test_RevertWhen_TransferWithoutLicense() public {
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNoValidLicense.selector, ROOT, alice));
        vm.prank(alice);
        reg.transferLicense(ROOT, bob);
    }

    function test_RevertWhen_TransferExpiredLicense() public {
        vm.prank(creator);
        uint32 id = reg.addOffer(ROOT, _terms(PRICE, 1 days, 0, true));
        _buy(alice, ROOT, id, PRICE);
        vm.warp(reg.licenses(ROOT, alice).expiry); // the expiry second is not valid
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNoValidLicense.selector, ROOT, alice));
        vm.prank(alice);
        reg.transferLicense(ROOT, bob);
    }

    function test_RevertWhen_TransferToZeroOrSelf() public {
        _buy(alice, ROOT, 1, 3 ether);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryInvalidRecipient.selector, address(0)));
        vm.prank(alice);
        reg.transferLicense(ROOT, address(0));
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryInvalidRecipient.selector, alice));
        vm.prank(alice);
        reg.transferLicense(ROOT, alice);
    }

    /// @dev Regression: a transferable license must not turn a recipient's valid
    /// non-transferable (e.g. granted) license into a transferable one.
    function test_RevertWhen_TransferOntoValidNonTransferable() public {
        vm.prank(creator);
        reg.grant(ROOT, bob, 0);
        _buy(alice, ROOT, 1, 3 ether);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNonTransferableHeld.selector, ROOT, bob));
        vm.prank(alice);
        reg.transferLicense(ROOT, bob);
    }

    // ---------------------------------------------------------- hasValidLicense

    function test_HasValidLicense_ExpiryBoundary() public {
        _buy(alice, ROOT, 0, PRICE);
        uint64 expiry = reg.licenses(ROOT, alice).expiry;
        vm.warp(expiry - 1);
        assertTrue(reg.hasValidLicense(ROOT, alice), "valid at expiry - 1");
        vm.warp(expiry);
        assertFalse(reg.hasValidLicense(ROOT, alice), "invalid at expiry");
    }

    function test_HasValidLicense_CreatorOpenAndUnregistered() public {
        assertTrue(reg.hasValidLicense(ROOT, creator));
        assertFalse(reg.hasValidLicense(ROOT, alice));
        assertFalse(reg.hasValidLicense(keccak256("unknown"), creator));
        assertFalse(reg.hasValidLicense(keccak256("unknown"), address(0)));
        vm.prank(creator);
        reg.setOpen(ROOT, true);
        assertTrue(reg.hasValidLicense(ROOT, alice));
    }
}
