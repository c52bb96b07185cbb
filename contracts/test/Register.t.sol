// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEssaimRegistry} from "../src/IEssaimRegistry.sol";
import {RegistryTest} from "./Base.t.sol";

/// @dev commit, register (commit–reveal timing, limits, splits, initial offers).
contract RegisterTest is RegistryTest {
    // ------------------------------------------------------------------ commit

    function test_Commit_StoresBlockAndTime() public {
        bytes32 c = reg.computeCommitment(ROOT, creator, SALT);
        assertEq(c, keccak256(abi.encode(ROOT, creator, SALT)));
        vm.expectEmit(address(reg));
        emit IEssaimRegistry.Committed(c, creator);
        vm.prank(creator);
        reg.commit(c);
        IEssaimRegistry.Commitment memory got = reg.commitments(c);
        assertEq(got.blockNumber, 100);
        assertEq(got.timestamp, T0);
    }

    function test_RevertWhen_CommitPending() public {
        bytes32 c = reg.computeCommitment(ROOT, creator, SALT);
        vm.prank(creator);
        reg.commit(c);
        _nextBlock(12);
        // A copy of a pending commitment (e.g. placed in the reveal's block) is refused.
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryCommitmentExists.selector, c));
        vm.prank(alice);
        reg.commit(c);
        vm.warp(T0 + 1 days); // last valid second: still pending
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryCommitmentExists.selector, c));
        reg.commit(c);
    }

    function test_Commit_ExpiredCanBeRenewed() public {
        bytes32 c = reg.computeCommitment(ROOT, creator, SALT);
        vm.prank(creator);
        reg.commit(c);
        vm.roll(200);
        vm.warp(T0 + 1 days + 1);
        vm.prank(creator);
        reg.commit(c);
        assertEq(reg.commitments(c).blockNumber, 200);
        _nextBlock(12);
        vm.prank(creator);
        reg.register(ROOT, SALT, "", new string[](0), 0, false, _noSplits(), _noOffers());
        assertEq(reg.works(ROOT).creator, creator);
    }

    // ---------------------------------------------------------------- register

    function test_Register_StoresWorkAndEmits() public {
        IEssaimRegistry.Split[] memory s = _splits2(creator, 6000, alice, 4000);
        IEssaimRegistry.OfferTerms[] memory o = new IEssaimRegistry.OfferTerms[](2);
        o[0] = _royaltyTerms(1 ether, 30 days, 1000);
        o[1] = _terms(5 ether, 0, 10, false);
        _commit(creator, ROOT, SALT);
        bytes32 c = reg.computeCommitment(ROOT, creator, SALT);

        vm.expectEmit(address(reg));
        emit IEssaimRegistry.WorkRegistered(ROOT, creator, "A title", _tags(), keccak256("meta"), true, s);
        vm.expectEmit(address(reg));
        emit IEssaimRegistry.OfferAdded(ROOT, 0, 1 ether, 30 days, 0, true, 1000);
        vm.expectEmit(address(reg));
        emit IEssaimRegistry.OfferAdded(ROOT, 1, 5 ether, 0, 10, false, 0);
        vm.prank(creator);
        reg.register(ROOT, SALT, "A title", _tags(), keccak256("meta"), true, s, o);

        IEssaimRegistry.Work memory w = reg.works(ROOT);
        assertEq(w.creator, creator);
        assertTrue(w.open);
        assertEq(w.offerCount, 2);
        assertEq(w.registeredAt, block.timestamp);
        assertEq(reg.commitments(c).blockNumber, 0, "commitment deleted");
        IEssaimRegistry.Split[] memory got = reg.splitsOf(ROOT);
        assertEq(got.length, 2);
        assertEq(got[1].payee, alice);
        assertEq(got[1].bps, 4000);
        IEssaimRegistry.Offer memory off = reg.offers(ROOT, 1);
        assertEq(off.price, 5 ether);
        assertEq(off.duration, 0);
        assertEq(off.supply, 10);
        assertFalse(off.transferable);
        assertEq(off.sold, 0);
        assertFalse(off.retired);
        assertEq(off.royaltyBps, 0);
        assertEq(reg.offers(ROOT, 0).royaltyBps, 1000);
    }

    function test_Register_EmptySplitsStoreNothing() public {
        _registerDefault(1 ether, 0, 0, false);
        assertEq(reg.splitsOf(ROOT).length, 0);
        // The array's length slot stays zero: keccak256(root . slot 2).
        bytes32 lenSlot = keccak256(abi.encode(ROOT, uint256(2)));
        assertEq(vm.load(address(reg), lenSlot), bytes32(0));
    }

    function test_Register_LimitsAtMaximum() public {
        string[] memory tags = new string[](16);
        for (uint256 i = 0; i < 16; ++i) {
            tags[i] = string(new bytes(64));
        }
        IEssaimRegistry.Split[] memory s = new IEssaimRegistry.Split[](16);
        for (uint256 i = 0; i < 16; ++i) {
            s[i] = IEssaimRegistry.Split(address(uint160(0x1000 + i)), 625);
        }
        IEssaimRegistry.OfferTerms[] memory o = new IEssaimRegistry.OfferTerms[](16);
        for (uint256 i = 0; i < 16; ++i) {
            o[i] = _terms(16, 0, 0, false); // 16 wei * 625 / 10000 = 1 wei each
        }
        _commit(creator, ROOT, SALT);
        vm.prank(creator);
        reg.register(ROOT, SALT, string(new bytes(256)), tags, 0, false, s, o);
        assertEq(reg.works(ROOT).offerCount, 16);
        assertEq(reg.splitsOf(ROOT).length, 16);
    }

    function test_RevertWhen_RegisterZeroRoot() public {
        _commit(creator, bytes32(0), SALT);
        vm.expectRevert(_err(IEssaimRegistry.EssaimRegistryZeroRoot.selector));
        vm.prank(creator);
        reg.register(bytes32(0), SALT, "", new string[](0), 0, false, _noSplits(), _noOffers());
    }

    function test_RevertWhen_RegisterWithoutCommitment() public {
        bytes32 c = reg.computeCommitment(ROOT, creator, SALT);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNoCommitment.selector, c));
        vm.prank(creator);
        reg.register(ROOT, SALT, "", new string[](0), 0, false, _noSplits(), _noOffers());
    }

    function test_RevertWhen_RevealInSameBlock() public {
        vm.prank(creator);
        reg.commit(reg.computeCommitment(ROOT, creator, SALT));
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryRevealTooEarly.selector, 100));
        vm.prank(creator);
        reg.register(ROOT, SALT, "", new string[](0), 0, false, _noSplits(), _noOffers());
    }

    function test_Register_AtExactlyMaxAge() public {
        vm.prank(creator);
        reg.commit(reg.computeCommitment(ROOT, creator, SALT));
        vm.roll(101);
        vm.warp(T0 + 1 days);
        vm.prank(creator);
        reg.register(ROOT, SALT, "", new string[](0), 0, false, _noSplits(), _noOffers());
        assertEq(reg.works(ROOT).creator, creator);
    }

    function test_RevertWhen_RevealTooLate() public {
        vm.prank(creator);
        reg.commit(reg.computeCommitment(ROOT, creator, SALT));
        vm.roll(101);
        vm.warp(T0 + 1 days + 1);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryCommitmentExpired.selector, T0));
        vm.prank(creator);
        reg.register(ROOT, SALT, "", new string[](0), 0, false, _noSplits(), _noOffers());
    }

    function test_RevertWhen_RevealingSomeoneElsesCommitment() public {
        _commit(creator, ROOT, SALT);
        bytes32 own = reg.computeCommitment(ROOT, alice, SALT);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNoCommitment.selector, own));
        vm.prank(alice);
        reg.register(ROOT, SALT, "", new string[](0), 0, false, _noSplits(), _noOffers());
    }

    /// @dev A front-runner copies the pending reveal's arguments and outbids its gas price: the
    /// commitment binds msg.sender, so the copy reverts and the creator's reveal still lands.
    function test_FrontRunnerCopyingRevealGetsNothing() public {
        _commit(creator, ROOT, SALT);
        // Even a front-runner who had committed something of its own in advance.
        _commit(alice, keccak256("other"), SALT);
        vm.expectRevert(
            abi.encodeWithSelector(
                IEssaimRegistry.EssaimRegistryNoCommitment.selector, reg.computeCommitment(ROOT, alice, SALT)
            )
        );
        vm.prank(alice);
        reg.register(ROOT, SALT, "A title", _tags(), 0, false, _noSplits(), _noOffers());
        // Committing now and revealing in the same block is too early.
        vm.prank(alice);
        reg.commit(reg.computeCommitment(ROOT, alice, SALT));
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryRevealTooEarly.selector, block.number));
        vm.prank(alice);
        reg.register(ROOT, SALT, "A title", _tags(), 0, false, _noSplits(), _noOffers());

        vm.prank(creator);
        reg.register(ROOT, SALT, "A title", _tags(), 0, false, _noSplits(), _noOffers());
        assertEq(reg.works(ROOT).creator, creator);
    }

    /// @dev A reveal that reverts (bad splits here) leaves the commitment in place, so the
    /// creator can resend a corrected reveal at once, before anyone who saw the root can
    /// commit and wait a block.
    function test_Register_FailedRevealKeepsCommitment() public {
        _commit(creator, ROOT, SALT);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistrySharesNotTotal.selector, 9000));
        vm.prank(creator);
        reg.register(ROOT, SALT, "t", _tags(), 0, false, _splits2(alice, 5000, bob, 4000), _noOffers());
        assertEq(reg.commitments(reg.computeCommitment(ROOT, creator, SALT)).blockNumber, block.number - 1);
        vm.prank(creator);
        reg.register(ROOT, SALT, "t", _tags(), 0, false, _splits2(alice, 5000, bob, 5000), _noOffers());
        assertEq(reg.works(ROOT).creator, creator);
    }

    function test_RevertWhen_RootAlreadyRegistered() public {
        _registerDefault(1 ether, 0, 0, false);
        _commit(alice, ROOT, SALT);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryAlreadyRegistered.selector, ROOT, creator));
        vm.prank(alice);
        reg.register(ROOT, SALT, "", new string[](0), 0, false, _noSplits(), _noOffers());
        // The creator cannot register it twice either.
        _commit(creator, ROOT, keccak256("salt2"));
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryAlreadyRegistered.selector, ROOT, creator));
        vm.prank(creator);
        reg.register(ROOT, keccak256("salt2"), "", new string[](0), 0, false, _noSplits(), _noOffers());
    }

    function _expectRegisterRevert(
        bytes memory err,
        string memory title,
        string[] memory tags,
        IEssaimRegistry.Split[] memory s,
        IEssaimRegistry.OfferTerms[] memory o
    ) internal {
        _commit(creator, ROOT, SALT);
        vm.expectRevert(err);
        vm.prank(creator);
        reg.register(ROOT, SALT, title, tags, 0, false, s, o);
    }

    function test_RevertWhen_TitleTooLong() public {
        _expectRegisterRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryTitleTooLong.selector, 257),
            string(new bytes(257)),
            _tags(),
            _noSplits(),
            _noOffers()
        );
    }

    function test_RevertWhen_TooManyTags() public {
        _expectRegisterRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryTooManyTags.selector, 17),
            "t",
            new string[](17),
            _noSplits(),
            _noOffers()
        );
    }

    function test_RevertWhen_TagTooLong() public {
        string[] memory tags = _tags();
        tags[1] = string(new bytes(65));
        _expectRegisterRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryTagTooLong.selector, 1, 65),
            "t",
            tags,
            _noSplits(),
            _noOffers()
        );
    }

    function test_RevertWhen_TooManySplits() public {
        IEssaimRegistry.Split[] memory s = new IEssaimRegistry.Split[](17);
        _expectRegisterRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryTooManySplits.selector, 17),
            "t",
            _tags(),
            s,
            _noOffers()
        );
    }

    function test_RevertWhen_SplitZeroPayee() public {
        _expectRegisterRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryZeroPayee.selector, 1),
            "t",
            _tags(),
            _splits2(alice, 5000, address(0), 5000),
            _noOffers()
        );
    }

    function test_RevertWhen_SplitZeroShare() public {
        _expectRegisterRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryZeroShare.selector, 1),
            "t",
            _tags(),
            _splits2(alice, 10_000, bob, 0),
            _noOffers()
        );
    }

    function test_RevertWhen_SplitDuplicatePayee() public {
        _expectRegisterRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryDuplicatePayee.selector, alice),
            "t",
            _tags(),
            _splits2(alice, 5000, alice, 5000),
            _noOffers()
        );
    }

    function test_RevertWhen_SplitsBelowTotal() public {
        _expectRegisterRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistrySharesNotTotal.selector, 9999),
            "t",
            _tags(),
            _splits2(alice, 5000, bob, 4999),
            _noOffers()
        );
    }

    function test_RevertWhen_SplitsAboveTotal() public {
        _expectRegisterRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistrySharesNotTotal.selector, 10_001),
            "t",
            _tags(),
            _splits2(alice, 5001, bob, 5000),
            _noOffers()
        );
    }

    function test_RevertWhen_TooManyOffers() public {
        _expectRegisterRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryTooManyOffers.selector, 17),
            "t",
            _tags(),
            _noSplits(),
            new IEssaimRegistry.OfferTerms[](17)
        );
    }

    /// @dev No minimum price rule: 1 wei with a 1 bps split is accepted; the shares accumulate.
    function test_Register_TinyPriceWithTinySplit() public {
        _register(creator, ROOT, false, _splits2(alice, 9999, bob, 1), _offers1(1, 0, 0, false));
        assertEq(reg.offers(ROOT, 0).price, 1);
        _buy(carol, ROOT, 0, 1);
        assertEq(reg.revenue(ROOT), 1);
        assertEq(reg.owed(ROOT, alice), 0, "floor(0.9999)");
        assertEq(reg.owed(ROOT, bob), 0);
    }

    function test_Register_FreeOfferAllowedWithSplits() public {
        _register(creator, ROOT, false, _splits2(alice, 9999, bob, 1), _offers1(0, 1 days, 0, false));
        _buy(carol, ROOT, 0, 0);
        assertTrue(reg.hasValidLicense(ROOT, carol));
        assertEq(reg.revenue(ROOT), 0);
        assertEq(reg.owed(ROOT, alice) + reg.owed(ROOT, bob), 0);
    }
}
