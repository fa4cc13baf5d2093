WITH
src AS (
  SELECT * FROM `my-project.shop.orders`
),
orders AS (
  SELECT TRIM(CAST(`customer_id` AS STRING)) AS customer_id,
    CASE WHEN SAFE_CAST(`amount` AS FLOAT64) = 0 THEN 0 WHEN ABS(SAFE_CAST(`amount` AS FLOAT64)) <= 1e300 THEN SAFE_CAST(`amount` AS FLOAT64) END AS amount,
    CASE WHEN SAFE_CAST(`cost` AS FLOAT64) = 0 THEN 0 WHEN ABS(SAFE_CAST(`cost` AS FLOAT64)) <= 1e300 THEN SAFE_CAST(`cost` AS FLOAT64) END AS cost,
    TRIM(CAST(`region` AS STRING)) AS ct_group_cell
  FROM src
),
rolled AS (
  SELECT customer_id,
    SUM(amount) AS ct_value,
    SUM(CASE WHEN amount > 0 THEN 1 ELSE 0 END) AS orders,
    SUM(CASE WHEN amount > 0 THEN amount END) AS ct_purchases,
    SUM(cost) AS ct_cost,
    NULL AS ct_potential
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
net AS (
  SELECT ct_group, ct_key, ct_value - COALESCE(ct_cost, 0) AS net_value, ct_potential - ct_value AS gap
  FROM customers
  WHERE ct_value IS NOT NULL
),
mvc_line AS (
  SELECT ct_group, MIN(net_value) AS mvc_from FROM (
    SELECT ct_group, net_value, ROW_NUMBER() OVER (PARTITION BY ct_group ORDER BY net_value DESC) AS position, COUNT(*) OVER (PARTITION BY ct_group) AS positives
    FROM net WHERE net_value > 0
  ) x
  WHERE position <= GREATEST(0, LEAST(positives, CEIL(0.2 * positives - 1e-9)))
  GROUP BY ct_group
),
first_pass AS (
  SELECT n.*, CASE WHEN n.net_value < 0 THEN 'BZ' WHEN n.net_value > 0 AND n.net_value >= l.mvc_from THEN 'MVC' ELSE 'Maintain' END AS pass_group
  FROM net n LEFT JOIN mvc_line l ON l.ct_group = n.ct_group
),
mgc_line AS (
  SELECT ct_group, MIN(gap) AS mgc_from FROM (
    SELECT ct_group, gap, ROW_NUMBER() OVER (PARTITION BY ct_group ORDER BY gap DESC) AS position, rest
    FROM (SELECT ct_group, gap, COUNT(*) OVER (PARTITION BY ct_group) AS rest FROM first_pass WHERE pass_group = 'Maintain') m
    WHERE gap > 0
  ) x
  WHERE position <= GREATEST(0, LEAST(rest, CEIL(0.2 * rest - 1e-9)))
  GROUP BY ct_group
),
grouped AS (
  SELECT f.ct_key, f.net_value,
    CASE WHEN f.pass_group = 'Maintain' AND f.gap > 0 AND f.gap >= m.mgc_from THEN 'MGC' ELSE f.pass_group END AS value_group
  FROM first_pass f LEFT JOIN mgc_line m ON m.ct_group = f.ct_group
)
SELECT c.customer_id, c.orders, c.value, g.net_value,
  CASE g.value_group WHEN 'MVC' THEN 'MVC' WHEN 'MGC' THEN 'MGC' WHEN 'Maintain' THEN 'Maintain' WHEN 'BZ' THEN 'BZ' END AS value_group, c.ct_group_name AS customer_group
FROM customers c
LEFT JOIN grouped g ON g.ct_key = c.ct_key
ORDER BY g.net_value DESC NULLS LAST, c.ct_key
