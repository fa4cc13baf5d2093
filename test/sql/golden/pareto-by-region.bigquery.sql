WITH
src AS (
  SELECT * FROM `my-project.shop.orders`
),
orders AS (
  SELECT TRIM(CAST(`customer_id` AS STRING)) AS customer_id,
    CASE WHEN SAFE_CAST(`amount` AS FLOAT64) = 0 THEN 0 WHEN ABS(SAFE_CAST(`amount` AS FLOAT64)) <= 1e300 THEN SAFE_CAST(`amount` AS FLOAT64) END AS amount,
    TRIM(CAST(`region` AS STRING)) AS ct_group_cell
  FROM src
),
rolled AS (
  SELECT customer_id,
    SUM(amount) AS ct_value,
    SUM(CASE WHEN amount > 0 THEN 1 ELSE 0 END) AS orders,
    SUM(CASE WHEN amount > 0 THEN amount END) AS ct_purchases
  FROM orders
  WHERE customer_id IS NOT NULL AND customer_id <> '' AND amount IS NOT NULL
  GROUP BY customer_id
),
customer_groups AS (
  SELECT customer_id, MIN(NULLIF(ct_group_cell, '')) AS ct_group_cell
  FROM orders
  WHERE customer_id IS NOT NULL AND customer_id <> ''
  GROUP BY customer_id
),
customers AS (
  SELECT rolled.*, ROW_NUMBER() OVER (ORDER BY rolled.customer_id) AS ct_key,
    ct_value AS value,
    CASE WHEN orders > 0 THEN ct_purchases / orders END AS ct_average,
    LOWER(COALESCE(g.ct_group_cell, '')) AS ct_group,
    MIN(COALESCE(g.ct_group_cell, '')) OVER (PARTITION BY LOWER(COALESCE(g.ct_group_cell, ''))) AS ct_group_name
  FROM rolled LEFT JOIN customer_groups g ON g.customer_id = rolled.customer_id
),
tie_groups AS (
  SELECT ct_group, ct_value AS value, COUNT(*) AS tied, SUM(CASE WHEN ct_value > 0 THEN ct_value ELSE 0 END) AS tied_positive
  FROM customers
  WHERE ct_value IS NOT NULL
  GROUP BY ct_group, ct_value
),
running AS (
  SELECT ct_group, value, tied_positive,
    COALESCE(SUM(tied) OVER (PARTITION BY ct_group ORDER BY value DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS customers_above,
    COALESCE(SUM(tied_positive) OVER (PARTITION BY ct_group ORDER BY value DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS value_above,
    SUM(tied) OVER (PARTITION BY ct_group) AS customers_total,
    SUM(tied_positive) OVER (PARTITION BY ct_group) AS value_total
  FROM tie_groups
),
tiered AS (
  SELECT ct_group, value,
    CASE WHEN value <= 0 THEN 2
      WHEN value_above / value_total < 0.8 THEN 0
      WHEN value_above / value_total < 0.95 THEN 1
      ELSE 2 END AS tier_index,
    customers_above + 1 AS tier_rank,
    CASE WHEN value_total > 0 THEN (value_above + tied_positive) / value_total ELSE 0 END AS cumulative_share
  FROM running
)
SELECT c.customer_id, c.orders, c.value, CASE t.tier_index WHEN 0 THEN 'A' WHEN 1 THEN 'B' WHEN 2 THEN 'C' END AS tier, c.ct_group_name AS customer_group, t.tier_rank, t.cumulative_share
FROM customers c
LEFT JOIN tiered t ON c.ct_value = t.value AND t.ct_group = c.ct_group
ORDER BY t.tier_rank NULLS LAST, c.customer_id
