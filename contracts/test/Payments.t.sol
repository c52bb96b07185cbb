// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEssaimRegistry} from "../src/IEssaimRegistry.sol";
import {RegistryTest} from "./Base.t.sol";
import {ReentrantPayee, RevertingPayee} from "./mocks/Payees.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @dev The revenue accumulator, owed, withdraw(roots, to), rounding dust, reentrancy and
/// hostile payees.
contract PaymentsTest is RegistryTest {
    ReentrantPayee internal attacker;
    RevertingPayee internal refuser;

    bytes32 internal constant ROOT2 = keccak256("essaim work 2");
    bytes32 internal constant UNREGISTERED = keccak256("nobody's work");

    function setUp() public override {
        super.setUp();
        attacker = new ReentrantPayee(reg);
        refuser = new RevertingPayee();
        vm.deal(address(attacker), 10 ether);
    }

    // ---------------------------------------------------------------- owed

    function test_Owed_NoSplitsAllToCreator() public {
        _registerDefault(1 ether, 0, 0, false);
        assertEq(reg.owed(ROOT, creator), 0, "no sale yet");
        _buy(alice, ROOT, 0, 1 ether);
        _buy(bob, ROOT, 0, 1 ether);
        assertEq(reg.revenue(ROOT), 2 ether);
        assertEq(reg.owed(ROOT, creator), 2 ether);
        assertEq(reg.owed(ROOT, alice), 0, "a buyer is no payee");
        assertEq(reg.owed(UNREGISTERED, creator), 0);
    }

    function test_Owed_SplitsAndCreatorNotAPayee() public {
        _register(creator, ROOT, false, _splits2(alice, 7000, bob, 3000), _offers1(1 ether, 0, 0, false));
        _buy(carol, ROOT, 0, 1 ether);
        assertEq(reg.owed(ROOT, alice), 0.7 ether);
        assertEq(reg.owed(ROOT, bob), 0.3 ether);
        assertEq(reg.owed(ROOT, creator), 0, "creator not in the splits");
    }

    // ------------------------------------------------------------ withdraw

    function test_Withdraw() public {
        _registerDefault(1 ether, 0, 0, false);
        _buy(alice, ROOT, 0, 1 ether);
        vm.expectEmit(address(reg));
        emit IEssaimRegistry.RevenueClaimed(ROOT, creator, 1 ether);
        vm.expectEmit(address(reg));
        emit IEssaimRegistry.Withdrawn(creator, creator, 1 ether);
        _withdraw(creator, _roots1(ROOT));
        assertEq(creator.balance, 1 ether);
        assertEq(reg.claimed(ROOT, creator), 1 ether);
        assertEq(reg.owed(ROOT, creator), 0);
        assertEq(reg.revenue(ROOT), 1 ether, "revenue is never decreased");
        assertEq(address(reg).balance, 0);
    }

    function test_Withdraw_SeveralWorksToAnotherAddress() public {
        _registerDefault(1 ether, 0, 0, false);
        _register(creator, ROOT2, false, _splits2(creator, 7000, carol, 3000), _offers1(2 ether, 0, 0, false));
        _buy(alice, ROOT, 0, 1 ether);
        _buy(alice, ROOT2, 0, 2 ether);
        // The creator also buys its own work 2: it pays the price like anyone.
        vm.deal(creator, 2.5 ether);
        _buy(creator, ROOT2, 0, 2 ether);

        address payable to = payable(makeAddr("cold wallet"));
        uint256 want = 1 ether + 2.8 ether; // work 1, 70% of 4 ether
        vm.expectEmit(address(reg));
        emit IEssaimRegistry.RevenueClaimed(ROOT, creator, 1 ether);
        vm.expectEmit(address(reg));
        emit IEssaimRegistry.RevenueClaimed(ROOT2, creator, 2.8 ether);
        vm.expectEmit(address(reg));
        emit IEssaimRegistry.Withdrawn(creator, to, want);
        vm.prank(creator);
        reg.withdraw(_roots2(ROOT, ROOT2), to);
        assertEq(to.balance, want);
        assertEq(creator.balance, 0.5 ether, "nothing sent to the caller itself");
        assertEq(reg.owed(ROOT, creator) + reg.owed(ROOT2, creator), 0);
        // What is left is carol's share, still owed to her.
        assertEq(address(reg).balance, reg.owed(ROOT2, carol));
        assertEq(reg.owed(ROOT2, carol), 1.2 ether);
    }

    /// @dev Duplicates are harmless: the second time, claimed already equals the entitlement.
    function test_Withdraw_DuplicateRootsPayOnce() public {
        _register(creator, ROOT, false, _splits2(alice, 5000, bob, 5000), _offers1(1 ether, 0, 0, false));
        _buy(carol, ROOT, 0, 1 ether);
        bytes32[] memory roots = new bytes32[](3);
        roots[0] = ROOT;
        roots[1] = ROOT;
        roots[2] = ROOT;
        uint256 before = alice.balance;
        _withdraw(alice, roots);
        assertEq(alice.balance - before, 0.5 ether);
        assertEq(reg.claimed(ROOT, alice), 0.5 ether);
        assertEq(address(reg).balance, 0.5 ether, "bob's share untouched");
        assertEq(reg.owed(ROOT, bob), 0.5 ether);
    }

    /// @dev Claiming sets claimed = entitlement: a second withdraw pays only later sales.
    function test_Withdraw_IdempotentThenPaysOnlyNewSales() public {
        _register(creator, ROOT, false, _splits2(alice, 7000, bob, 3000), _offers1(1 ether, 0, 0, false));
        _buy(carol, ROOT, 0, 1 ether);
        _withdraw(alice, _roots1(ROOT));
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNothingToWithdraw.selector, alice));
        _withdraw(alice, _roots1(ROOT));
        _buy(carol, ROOT, 0, 1 ether);
        uint256 before = alice.balance;
        _withdraw(alice, _roots1(ROOT));
        assertEq(alice.balance - before, 0.7 ether);
        assertEq(reg.claimed(ROOT, alice), 1.4 ether);
        assertEq(reg.owed(ROOT, bob), 0.6 ether, "bob claims both sales at once");
    }

    /// @dev Works that owe the caller nothing add nothing: unregistered, unsold, not a payee.
    function test_Withdraw_IgnoresWorksThatOweNothing() public {
        _register(creator, ROOT, false, _splits2(alice, 5000, bob, 5000), _offers1(1 ether, 0, 0, false));
        _register(creator, ROOT2, false, _noSplits(), _offers1(1 ether, 0, 0, false));
        _buy(carol, ROOT, 0, 1 ether);
        _buy(carol, ROOT2, 0, 1 ether);
        bytes32[] memory roots = new bytes32[](3);
        roots[0] = UNREGISTERED;
        roots[1] = ROOT; // splits without the creator
        roots[2] = ROOT2;
        _withdraw(creator, roots);
        assertEq(creator.balance, 1 ether, "only work 2");
        assertEq(reg.claimed(ROOT, creator), 0);
        assertEq(reg.claimed(UNREGISTERED, creator), 0);
        // A payee with nothing owed anywhere reverts.
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNothingToWithdraw.selector, carol));
        _withdraw(carol, roots);
    }

    /// @dev Only the listed works pay: an empty list reverts even when other works owe the
    /// caller, and buyers have no balance to withdraw.
    function test_RevertWhen_WithdrawEmptyListWhileOwed() public {
        _registerDefault(1 ether, 0, 0, false);
        _buy(alice, ROOT, 0, 1 ether);
        assertEq(reg.owed(ROOT, creator), 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNothingToWithdraw.selector, creator));
        _withdraw(creator, new bytes32[](0));
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNothingToWithdraw.selector, alice));
        _withdraw(alice, _roots1(ROOT));
        assertEq(address(reg).balance, 1 ether);
        assertEq(reg.owed(ROOT, creator), 1 ether);
    }

    function test_RevertWhen_WithdrawNothing() public {
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNothingToWithdraw.selector, alice));
        _withdraw(alice, new bytes32[](0));
    }

    function test_RevertWhen_WithdrawToZeroAddress() public {
        _registerDefault(1 ether, 0, 0, false);
        _buy(alice, ROOT, 0, 1 ether);
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryInvalidRecipient.selector, address(0)));
        vm.prank(creator);
        reg.withdraw(_roots1(ROOT), payable(address(0)));
    }

    // ----------------------------------------------------------------- dust

    /// @dev 3 payees at 3333/3333/3334 bps. One sale of 5000 wei: floors 1666, 1666, 1667
    /// (sum 4999), so 1 wei (<= n - 1 = 2) stays after everyone withdrew. A second sale brings
    /// the revenue to 10000: floors 3333, 3333, 3334, the dust is 0 again (a floor per sale
    /// would have lost 2 wei by now).
    function test_Dust_StaysInContractAndDoesNotGrowPerSale() public {
        IEssaimRegistry.Split[] memory s = new IEssaimRegistry.Split[](3);
        s[0] = IEssaimRegistry.Split(alice, 3333);
        s[1] = IEssaimRegistry.Split(bob, 3333);
        s[2] = IEssaimRegistry.Split(carol, 3334);
        _register(creator, ROOT, false, s, _offers1(5000, 0, 0, false));
        address buyer = makeAddr("buyer");
        vm.deal(buyer, 1 ether);
        _buy(buyer, ROOT, 0, 5000);
        assertEq(reg.owed(ROOT, alice), 1666); // floor(5000 * 3333 / 10000)
        assertEq(reg.owed(ROOT, bob), 1666);
        assertEq(reg.owed(ROOT, carol), 1667); // floor(5000 * 3334 / 10000)
        _withdraw(alice, _roots1(ROOT));
        _withdraw(bob, _roots1(ROOT));
        _withdraw(carol, _roots1(ROOT));
        assertEq(address(reg).balance, 1, "dust");

        _buy(buyer, ROOT, 0, 5000);
        assertEq(reg.owed(ROOT, alice), 3333 - 1666);
        assertEq(reg.owed(ROOT, carol), 3334 - 1667);
        _withdraw(alice, _roots1(ROOT));
        _withdraw(bob, _roots1(ROOT));
        _withdraw(carol, _roots1(ROOT));
        assertEq(reg.claimed(ROOT, alice) + reg.claimed(ROOT, bob) + reg.claimed(ROOT, carol), 10_000);
        assertEq(address(reg).balance, 0, "the dust is per work, not per sale");
    }

    // ------------------------------------------------------------- reentrancy

    function _registerWithAttacker() internal {
        _register(
            creator, ROOT, false, _splits2(address(attacker), 5000, creator, 5000), _offers1(1 ether, 0, 0, false)
        );
    }

    function test_ReentrantWithdrawFromReceiveReverts() public {
        _registerWithAttacker();
        _buy(alice, ROOT, 0, 1 ether);
        _buy(bob, ROOT, 0, 1 ether);
        attacker.arm(ReentrantPayee.Mode.Withdraw, false, ROOT, 0, 0);
        uint256 before = address(attacker).balance;
        attacker.withdraw(_roots1(ROOT));
        assertEq(attacker.attempts(), 1);
        assertFalse(attacker.innerSucceeded());
        assertEq(attacker.innerError(), _err(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector));
        // Paid exactly once; the totals still add up.
        assertEq(address(attacker).balance - before, 1 ether);
        assertEq(reg.owed(ROOT, address(attacker)), 0);
        assertEq(address(reg).balance, reg.owed(ROOT, creator));
    }

    function test_ReentrantWithdrawPropagatedFailsWholeWithdraw() public {
        _registerWithAttacker();
        _buy(alice, ROOT, 0, 1 ether);
        attacker.arm(ReentrantPayee.Mode.Withdraw, true, ROOT, 0, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryWithdrawFailed.selector, address(attacker), 0.5 ether)
        );
        attacker.withdraw(_roots1(ROOT));
        assertEq(reg.owed(ROOT, address(attacker)), 0.5 ether, "still owed after a failed withdraw");
        assertEq(reg.claimed(ROOT, address(attacker)), 0);
        assertEq(address(reg).balance, 1 ether);
    }

    function test_ReentrantBuyFromReceiveReverts() public {
        _registerWithAttacker();
        _buy(alice, ROOT, 0, 1 ether);
        attacker.arm(ReentrantPayee.Mode.Buy, false, ROOT, 0, 1 ether);
        attacker.withdraw(_roots1(ROOT));
        assertEq(attacker.innerError(), _err(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector));
        assertEq(reg.offers(ROOT, 0).sold, 1, "inner buy did not happen");
        assertEq(reg.revenue(ROOT), 1 ether);
        assertFalse(reg.hasValidLicense(ROOT, address(attacker)));
        assertEq(address(reg).balance, reg.owed(ROOT, creator));
    }

    /// @dev buy never calls out, so a contract buyer's receive() is never triggered by buy.
    function test_BuyByContractMakesNoExternalCall() public {
        _registerWithAttacker();
        attacker.arm(ReentrantPayee.Mode.Withdraw, false, ROOT, 0, 0);
        attacker.buy(ROOT, 0, 1 ether);
        assertEq(attacker.attempts(), 0);
        assertTrue(reg.hasValidLicense(ROOT, address(attacker)));
        assertEq(reg.owed(ROOT, address(attacker)), 0.5 ether);
    }

    // ------------------------------------------------------- reverting payee

    function test_RevertingPayeeCannotBlockPurchasesAndWithdrawsElsewhere() public {
        _register(creator, ROOT, false, _splits2(address(refuser), 2000, creator, 8000), _offers1(1 ether, 0, 0, false));
        _buy(alice, ROOT, 0, 1 ether);
        _buy(bob, ROOT, 0, 1 ether);
        assertTrue(reg.hasValidLicense(ROOT, alice));
        assertTrue(reg.hasValidLicense(ROOT, bob));
        assertEq(reg.owed(ROOT, address(refuser)), 0.4 ether);
        // Withdrawing to itself fails and changes nothing.
        vm.expectRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryWithdrawFailed.selector, address(refuser), 0.4 ether)
        );
        refuser.withdraw(reg, _roots1(ROOT), payable(address(refuser)));
        assertEq(reg.owed(ROOT, address(refuser)), 0.4 ether);
        // Everyone else withdraws normally.
        _withdraw(creator, _roots1(ROOT));
        assertEq(creator.balance, 1.6 ether);
        // And the refuser withdraws to an address that accepts ether.
        address payable wallet = payable(makeAddr("refuser's wallet"));
        refuser.withdraw(reg, _roots1(ROOT), wallet);
        assertEq(wallet.balance, 0.4 ether);
        assertEq(address(reg).balance, 0);
    }
}
