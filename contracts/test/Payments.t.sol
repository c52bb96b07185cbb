// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEssaimRegistry} from "../src/IEssaimRegistry.sol";
import {RegistryTest} from "./Base.t.sol";
import {ReentrantPayee, RevertingPayee} from "./mocks/Payees.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @dev withdraw, split arithmetic, reentrancy and hostile payees.
contract PaymentsTest is RegistryTest {
    ReentrantPayee internal attacker;
    RevertingPayee internal refuser;

    function setUp() public override {
        super.setUp();
        attacker = new ReentrantPayee(reg);
        refuser = new RevertingPayee();
        vm.deal(address(attacker), 10 ether);
    }

    function test_Withdraw() public {
        _registerDefault(1 ether, 0, 0, false);
        _buy(alice, ROOT, 0, 1 ether);
        vm.expectEmit(address(reg));
        emit IEssaimRegistry.Withdrawn(creator, 1 ether);
        vm.prank(creator);
        reg.withdraw();
        assertEq(creator.balance, 1 ether);
        assertEq(reg.credits(creator), 0);
        assertEq(address(reg).balance, 0);
    }

    function test_RevertWhen_WithdrawNothing() public {
        vm.expectRevert(abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryNothingToWithdraw.selector, alice));
        vm.prank(alice);
        reg.withdraw();
    }

    function test_Split_RemainderToFirstPayee() public {
        // 3 payees at 3333/3333/3334 bps of 10001 wei: floors 3333, 3334; first gets the rest.
        IEssaimRegistry.Split[] memory s = new IEssaimRegistry.Split[](3);
        s[0] = IEssaimRegistry.Split(alice, 3333);
        s[1] = IEssaimRegistry.Split(bob, 3333);
        s[2] = IEssaimRegistry.Split(carol, 3334);
        _register(creator, ROOT, false, s, _offers1(10_001, 0, 0, false));
        address buyer = makeAddr("buyer");
        vm.deal(buyer, 1 ether);
        _buy(buyer, ROOT, 0, 10_001);
        assertEq(reg.credits(bob), 3333); // floor(10001 * 3333 / 10000)
        assertEq(reg.credits(carol), 3334); // floor(10001 * 3334 / 10000)
        assertEq(reg.credits(alice), 10_001 - 3333 - 3334);
        assertEq(reg.credits(creator), 0, "creator not a payee");
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
        attacker.arm(ReentrantPayee.Mode.Withdraw, false, ROOT, 0, 0);
        uint256 before = address(attacker).balance;
        attacker.withdraw();
        assertEq(attacker.attempts(), 1);
        assertFalse(attacker.innerSucceeded());
        assertEq(attacker.innerError(), _err(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector));
        // Paid exactly once; the totals still add up.
        assertEq(address(attacker).balance - before, 0.5 ether);
        assertEq(reg.credits(address(attacker)), 0);
        assertEq(address(reg).balance, reg.credits(creator));
    }

    function test_ReentrantWithdrawPropagatedFailsWholeWithdraw() public {
        _registerWithAttacker();
        _buy(alice, ROOT, 0, 1 ether);
        attacker.arm(ReentrantPayee.Mode.Withdraw, true, ROOT, 0, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryWithdrawFailed.selector, address(attacker), 0.5 ether)
        );
        attacker.withdraw();
        assertEq(reg.credits(address(attacker)), 0.5 ether, "credit kept after a failed withdraw");
        assertEq(address(reg).balance, 1 ether);
    }

    function test_ReentrantBuyFromReceiveReverts() public {
        _registerWithAttacker();
        _buy(alice, ROOT, 0, 1 ether);
        attacker.arm(ReentrantPayee.Mode.Buy, false, ROOT, 0, 1 ether);
        attacker.withdraw();
        assertEq(attacker.innerError(), _err(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector));
        assertEq(reg.offers(ROOT, 0).sold, 1, "inner buy did not happen");
        assertFalse(reg.hasValidLicense(ROOT, address(attacker)));
        assertEq(address(reg).balance, reg.credits(creator) + reg.credits(address(attacker)));
    }

    /// @dev buy never calls out, so a contract buyer's receive() is never triggered by buy.
    function test_BuyByContractMakesNoExternalCall() public {
        _registerWithAttacker();
        attacker.arm(ReentrantPayee.Mode.Withdraw, false, ROOT, 0, 0);
        attacker.buy(ROOT, 0, 1 ether);
        assertEq(attacker.attempts(), 0);
        assertTrue(reg.hasValidLicense(ROOT, address(attacker)));
        assertEq(reg.credits(address(attacker)), 0.5 ether);
    }

    // ------------------------------------------------------- reverting payee

    function test_RevertingPayeeCannotBlockPurchases() public {
        _register(creator, ROOT, false, _splits2(address(refuser), 2000, creator, 8000), _offers1(1 ether, 0, 0, false));
        _buy(alice, ROOT, 0, 1 ether);
        _buy(bob, ROOT, 0, 1 ether);
        assertTrue(reg.hasValidLicense(ROOT, alice));
        assertTrue(reg.hasValidLicense(ROOT, bob));
        assertEq(reg.credits(address(refuser)), 0.4 ether);
        // Its own withdraw fails and keeps its credit; everyone else withdraws normally.
        vm.expectRevert(
            abi.encodeWithSelector(IEssaimRegistry.EssaimRegistryWithdrawFailed.selector, address(refuser), 0.4 ether)
        );
        refuser.withdraw(reg);
        assertEq(reg.credits(address(refuser)), 0.4 ether);
        vm.prank(creator);
        reg.withdraw();
        assertEq(creator.balance, 1.6 ether);
        assertEq(address(reg).balance, 0.4 ether);
    }
}
