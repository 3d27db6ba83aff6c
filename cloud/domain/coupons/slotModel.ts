import { at } from '../at';
import { crossStoreDiscountFen } from './couponValue';
import type { PlannerProblem } from './problem';
import { shopMatchingFen } from './shopMatching';

/**
 * The search space both planners move in. Every plan can be rewritten, without losing any
 * discount, as lines placed in slots:
 * - one cross slot per cross-store coupon: the order that uses that coupon (it may span shops,
 *   and each of its shops' lines may also use one shop coupon);
 * - per shop, as many standalone slots as that shop has coupons: single-shop orders using one
 *   shop coupon and no cross-store coupon (an order without a cross-store coupon loses nothing
 *   by being split per shop, since shop coupons only see their shop's lines);
 * - one leftover slot: lines bought without any coupon.
 * Which shop coupon goes on which block (a shop's lines within one slot) is not part of the
 * state: for given blocks the best choice is a matching, solved in shopMatching.ts. The value
 * here ignores the zero-pay rule (an upper bound on the slot assignment's real value); realize.ts
 * applies it.
 */
export class SlotState {
  readonly crossSlotCount: number;
  readonly shopCount: number;
  readonly slotCount: number;
  readonly leftoverSlot: number;
  /** The shop of each standalone slot, -1 for cross and leftover slots. */
  readonly slotShop: number[];
  /** Per shop, the standalone slots it owns. */
  readonly standaloneSlotsByShop: number[][];
  /** The slot of each line, -1 while unplaced. */
  readonly slotOf: number[];
  readonly slotTotalFen: number[];
  readonly slotLineCount: number[];
  /** Shop s's lines in cross slot j, at j * shopCount + s. */
  readonly partTotalFen: number[];
  private readonly crossValueFen: number[];
  private readonly shopValueFen: number[];
  private readonly blockScratch: number[][];

  constructor(readonly problem: PlannerProblem) {
    this.crossSlotCount = problem.crossCoupons.length;
    this.shopCount = problem.shopIds.length;
    this.slotShop = Array<number>(this.crossSlotCount).fill(-1);
    this.standaloneSlotsByShop = problem.shopCouponsByShop.map((coupons, s) =>
      coupons.map(() => {
        this.slotShop.push(s);
        return this.slotShop.length - 1;
      }),
    );
    this.leftoverSlot = this.slotShop.length;
    this.slotShop.push(-1);
    this.slotCount = this.slotShop.length;
    this.slotOf = problem.lines.map(() => -1);
    this.slotTotalFen = Array<number>(this.slotCount).fill(0);
    this.slotLineCount = Array<number>(this.slotCount).fill(0);
    this.partTotalFen = Array<number>(this.crossSlotCount * this.shopCount).fill(0);
    this.crossValueFen = Array<number>(this.crossSlotCount).fill(0);
    this.shopValueFen = Array<number>(this.shopCount).fill(0);
    this.blockScratch = problem.shopCouponsByShop.map((coupons) => Array<number>(this.crossSlotCount + coupons.length).fill(0));
  }

  /** The slots a line may go to: every cross slot, its shop's standalone slots, the leftover. */
  allowedSlots(line: number): number[] {
    // Asked at every node of the exact search; a line's shopIndex is below the shop count.
    const shop = at(this.problem.lines, line, 'line').shopIndex;
    return [...Array.from({ length: this.crossSlotCount }, (_, j) => j), ...this.standaloneSlotsByShop[shop]!, this.leftoverSlot];
  }

  place(line: number, slot: number): void {
    const current = this.slotOf[line];
    if (current === undefined) throw new Error(`no line ${line}`);
    if (current !== -1) throw new Error('line already placed');
    this.slotOf[line] = slot;
    this.adjust(line, slot, +1);
  }

  unplace(line: number): void {
    const slot = this.slotOf[line];
    if (slot === undefined) throw new Error(`no line ${line}`);
    if (slot === -1) throw new Error('line not placed');
    this.slotOf[line] = -1;
    this.adjust(line, slot, -1);
  }

  move(line: number, slot: number): void {
    this.unplace(line);
    this.place(line, slot);
  }

  /** Total discount of the current placement, before the zero-pay rule. */
  valueFen(): number {
    let sum = 0;
    for (const v of this.crossValueFen) sum += v;
    for (const v of this.shopValueFen) sum += v;
    return sum;
  }

  crossValueOf(slot: number): number {
    return at(this.crossValueFen, slot, 'cross slot value');
  }

  // Read at every node of the exact search, for each shop index < shopCount: in bounds by construction.
  shopValueOf(shop: number): number {
    return this.shopValueFen[shop]!;
  }

  /** The shop's block totals: its part in each cross slot, then each of its standalone slots. */
  blockTotalsOf(shop: number): number[] {
    // The inner loop of both planners. Indices are in bounds by construction: shop < shopCount, the
    // scratch and partTotalFen are sized from crossSlotCount and shopCount, standalone slots < slotCount.
    const blocks = this.blockScratch[shop]!;
    for (let j = 0; j < this.crossSlotCount; j++) blocks[j] = this.partTotalFen[j * this.shopCount + shop]!;
    this.standaloneSlotsByShop[shop]!.forEach((slot, k) => (blocks[this.crossSlotCount + k] = this.slotTotalFen[slot]!));
    return blocks;
  }

  snapshot(): number[] {
    return [...this.slotOf];
  }

  // Runs on every move of the search. place/unplace checked the line; a slot comes from
  // allowedSlots (< slotCount) and a line's shopIndex from buildProblem (< shopCount).
  private adjust(line: number, slot: number, sign: 1 | -1): void {
    const { amountFen, shopIndex } = this.problem.lines[line]!;
    this.slotTotalFen[slot]! += sign * amountFen;
    this.slotLineCount[slot]! += sign;
    if (slot < this.crossSlotCount) {
      this.partTotalFen[slot * this.shopCount + shopIndex]! += sign * amountFen;
      this.crossValueFen[slot] = crossStoreDiscountFen(this.problem.crossCoupons[slot]!, this.slotTotalFen[slot]!);
    }
    const shopCoupons = this.problem.shopCouponsByShop[shopIndex]!;
    if (slot !== this.leftoverSlot && shopCoupons.length > 0) {
      this.shopValueFen[shopIndex] = shopMatchingFen(shopCoupons, this.blockTotalsOf(shopIndex));
    }
  }
}
