-- An order line carries both quantities: the ordered `quantity` and Shopify's `currentQuantity` (after refunds,
-- removals by an order edit, and cancellation), and its line_total is current_quantity x unit price. Lines merged
-- before this migration take current_quantity = quantity until their order changes and is merged again.
alter table warehouse.fact_order_lines add column current_quantity integer;
update warehouse.fact_order_lines set current_quantity = quantity;
alter table warehouse.fact_order_lines alter column current_quantity set not null;
comment on column warehouse.fact_order_lines.line_total is 'current_quantity x unit price';
