// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IEssaimRegistry} from "../../src/IEssaimRegistry.sol";

/// @dev A payee (or reseller) whose receive() re-enters the registry (withdraw of `root` to
/// itself, buy, or buying `seller`'s listing) and records how the inner call ended. With `propagate`, the inner revert bubbles up and fails
/// the transfer.
contract ReentrantPayee {
    enum Mode {
        None,
        Withdraw,
        Buy,
        BuyListing
    }

    IEssaimRegistry public immutable registry;
    Mode public mode;
    bool public propagate;
    bytes32 public root;
    uint32 public offerId;
    uint256 public price;
    address public seller;
    uint64 public version;

    uint256 public attempts;
    bool public innerSucceeded;
    bytes public innerError;

    constructor(IEssaimRegistry registry_) {
        registry = registry_;
    }

    function arm(Mode mode_, bool propagate_, bytes32 root_, uint32 offerId_, uint256 price_) external {
        mode = mode_;
        propagate = propagate_;
        root = root_;
        offerId = offerId_;
        price = price_;
    }

    /// @dev In BuyListing mode, receive() buys `seller_`'s listing `version_` of `root` at `price`.
    function armListing(address seller_, uint64 version_) external {
        seller = seller_;
        version = version_;
    }

    function list(bytes32 root_, uint96 price_) external {
        registry.list(root_, price_);
    }

    function withdraw(bytes32[] calldata roots) external {
        registry.withdraw(roots, payable(address(this)));
    }

    function buy(bytes32 root_, uint32 offerId_, uint256 price_) external {
        registry.buy{value: price_}(root_, offerId_, price_);
    }

    receive() external payable {
        if (mode == Mode.None) return;
        ++attempts;
        if (mode == Mode.Withdraw) {
            bytes32[] memory roots = new bytes32[](1);
            roots[0] = root;
            try registry.withdraw(roots, payable(address(this))) {
                innerSucceeded = true;
            } catch (bytes memory err) {
                innerError = err;
                if (propagate) _bubble(err);
            }
        } else if (mode == Mode.Buy) {
            try registry.buy{value: price}(root, offerId, price) {
                innerSucceeded = true;
            } catch (bytes memory err) {
                innerError = err;
                if (propagate) _bubble(err);
            }
        } else {
            try registry.buyListing{value: price}(root, seller, version, price) {
                innerSucceeded = true;
            } catch (bytes memory err) {
                innerError = err;
                if (propagate) _bubble(err);
            }
        }
    }

    function _bubble(bytes memory err) private pure {
        // Re-throw without inline assembly: abi-encoded revert with the inner data as reason.
        revert(string(err));
    }
}

/// @dev A payee that refuses every ether transfer.
contract RevertingPayee {
    receive() external payable {
        revert("no thanks");
    }

    function withdraw(IEssaimRegistry registry, bytes32[] calldata roots, address payable to) external {
        registry.withdraw(roots, to);
    }
}
