// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEssaimRegistry} from "../src/IEssaimRegistry.sol";
import {RegistryTest} from "./Base.t.sol";

/// @dev addOffer, retireOffer, setOpen and creator-only access.
contract OffersTest is RegistryTest {
    function setUp() public override {
        super.setUp();
        _registerDefault(1 ether, 30 days, 0, false);
    }

    function test_AddOffer_SequentialIds() public {
        vm.expectEmit(address(reg));
        emit IEssaimRegistry.OfferAdded(ROOT, 1, 2 ether, 0, 5, true, 0);
        vm.prank(creator);
        uint32 id = reg.addOffer(ROOT, _terms(2 ether, 0, 5, true));
        assertEq(id, 1);
        vm.prank(creator);
        assertEq(reg.addOffer(ROOT, _terms(0, 1 days, 0, false)), 2);
        assertEq(reg.works(ROOT).offerCount, 3);
        IEssaimRegistry.Offer memory o = reg.offers(ROOT, 1);
        assertEq(o.price, 2 ether);
        assertEq(o.supply, 5);
        assertTrue(o.transferable);
    }

    /// @dev No minimum price: a share below 1 wei per sale adds up over the sales.
    function test_AddOffer_AnyPriceWithSplits() public {
        bytes32 root2 = keccak256("split work");
        _register(creator, root2, false, _splits2(alice, 9000, bob, 1000), _noOffers());
        vm.prank(creator);
        reg.addOffer(root2, _terms(9, 0, 0, false));
        _buy(carol, root2, 0, 9);
        // 9000 bps of 9 wei = 8.1, 1000 bps = 0.9: 1 wei of dust for now.
        assertEq(reg.owed(root2, alice), 8);
        assertEq(reg.owed(root2, bob), 0);
        _buy(carol, root2, 0, 9);
        // Revenue 18: 16.2 and 1.8.
        assertEq(reg.owed(root2, alice), 16);
        assertEq(reg.owed(root2, bob), 1);
        assertEq(address(reg).balance - reg.owed(root2, alice) - reg.owed(root2, bob), 1, "dust stays <= 1 wei");
    }

    function test_RevertWhen_AddOfferNotCreator() public {
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNotCreator.selector, ROOT, alice));
        vm.prank(alice);
        reg.addOffer(ROOT, _terms(1, 0, 0, false));
    }

    function test_RevertWhen_AddOfferNotRegistered() public {
        bytes32 other = keccak256("nope");
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNotRegistered.selector, other));
        vm.prank(creator);
        reg.addOffer(other, _terms(1, 0, 0, false));
    }

    function test_RetireOffer() public {
        vm.expectEmit(address(reg));
        emit IEssaimRegistry.OfferRetired(ROOT, 0);
        vm.prank(creator);
        reg.retireOffer(ROOT, 0);
        assertTrue(reg.offers(ROOT, 0).retired);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryOfferIsRetired.selector, ROOT, 0));
        _buy(alice, ROOT, 0, 1 ether);
    }

    function test_RetireOffer_KeepsLicensesHeld() public {
        _buy(alice, ROOT, 0, 1 ether);
        uint64 expiry = reg.licenses(ROOT, alice).expiry;
        vm.prank(creator);
        reg.retireOffer(ROOT, 0);
        vm.prank(creator);
        reg.addOffer(ROOT, _terms(9 ether, 1 days, 1, true));
        assertEq(reg.licenses(ROOT, alice).expiry, expiry);
        assertFalse(reg.licenses(ROOT, alice).transferable);
        assertTrue(reg.hasValidLicense(ROOT, alice));
    }

    function test_RevertWhen_RetireOfferTwice() public {
        vm.prank(creator);
        reg.retireOffer(ROOT, 0);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryOfferIsRetired.selector, ROOT, 0));
        vm.prank(creator);
        reg.retireOffer(ROOT, 0);
    }

    function test_RevertWhen_RetireUnknownOffer() public {
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryOfferNotFound.selector, ROOT, 1));
        vm.prank(creator);
        reg.retireOffer(ROOT, 1);
    }

    function test_RevertWhen_RetireOfferNotCreator() public {
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNotCreator.selector, ROOT, alice));
        vm.prank(alice);
        reg.retireOffer(ROOT, 0);
    }

    function test_SetOpen() public {
        assertFalse(reg.hasValidLicense(ROOT, alice));
        vm.expectEmit(address(reg));
        emit IEssaimRegistry.OpenSet(ROOT, true);
        vm.prank(creator);
        reg.setOpen(ROOT, true);
        assertTrue(reg.works(ROOT).open);
        assertTrue(reg.hasValidLicense(ROOT, alice));
        vm.prank(creator);
        reg.setOpen(ROOT, false);
        assertFalse(reg.hasValidLicense(ROOT, alice));
    }

    function test_RevertWhen_SetOpenNotCreator() public {
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNotCreator.selector, ROOT, bob));
        vm.prank(bob);
        reg.setOpen(ROOT, true);
    }

    function test_RevertWhen_SetOpenNotRegistered() public {
        vm.expectRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNotRegistered.selector, bytes32(uint256(1)))
        );
        vm.prank(creator);
        reg.setOpen(bytes32(uint256(1)), true);
    }
}
