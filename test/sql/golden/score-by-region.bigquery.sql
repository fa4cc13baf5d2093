WITH
src AS (
  SELECT * FROM `my-project.shop.orders`
),
customers AS (
  SELECT s.*, ROW_NUMBER() OVER () AS ct_key,
    CASE WHEN SAFE_CAST(`A` AS FLOAT64) = 0 THEN 0 WHEN ABS(SAFE_CAST(`A` AS FLOAT64)) <= 1e300 THEN SAFE_CAST(`A` AS FLOAT64) END AS ct_dim0,
    CASE WHEN SAFE_CAST(`B` AS FLOAT64) = 0 THEN 0 WHEN ABS(SAFE_CAST(`B` AS FLOAT64)) <= 1e300 THEN SAFE_CAST(`B` AS FLOAT64) END AS ct_dim1,
    CASE WHEN SAFE_CAST(`C` AS FLOAT64) = 0 THEN 0 WHEN ABS(SAFE_CAST(`C` AS FLOAT64)) <= 1e300 THEN SAFE_CAST(`C` AS FLOAT64) END AS ct_dim2,
    LOWER(COALESCE(TRIM(CAST(s.`region` AS STRING)), '')) AS ct_group,
    MIN(COALESCE(TRIM(CAST(s.`region` AS STRING)), '')) OVER (PARTITION BY LOWER(COALESCE(TRIM(CAST(s.`region` AS STRING)), ''))) AS ct_group_name
  FROM src s
),
dims AS (
  SELECT c.ct_key, c.ct_group, c.ct_dim0 AS x0, c.ct_dim1 AS x1, c.ct_dim2 AS x2
  FROM customers c
),
normalised AS (
  SELECT ct_key, ct_group,
    CASE WHEN x0 IS NULL THEN NULL WHEN COUNT(x0) OVER (PARTITION BY ct_group) = 1 OR MIN(x0) OVER (PARTITION BY ct_group) = MAX(x0) OVER (PARTITION BY ct_group) THEN 0.5 ELSE (CAST(RANK() OVER (PARTITION BY ct_group, x0 IS NULL ORDER BY x0) - 1 AS FLOAT64) + (CAST(COUNT(*) OVER (PARTITION BY ct_group, x0 IS NULL ORDER BY x0 RANGE BETWEEN CURRENT ROW AND CURRENT ROW) AS FLOAT64) - 1) / 2) / (CAST(COUNT(x0) OVER (PARTITION BY ct_group) AS FLOAT64) - 1) END AS t0,
    1 - CASE WHEN x1 IS NULL THEN NULL WHEN COUNT(x1) OVER (PARTITION BY ct_group) = 1 OR MIN(x1) OVER (PARTITION BY ct_group) = MAX(x1) OVER (PARTITION BY ct_group) THEN 0.5 ELSE (CAST(RANK() OVER (PARTITION BY ct_group, x1 IS NULL ORDER BY x1) - 1 AS FLOAT64) + (CAST(COUNT(*) OVER (PARTITION BY ct_group, x1 IS NULL ORDER BY x1 RANGE BETWEEN CURRENT ROW AND CURRENT ROW) AS FLOAT64) - 1) / 2) / (CAST(COUNT(x1) OVER (PARTITION BY ct_group) AS FLOAT64) - 1) END AS t1,
    CASE WHEN x2 IS NULL THEN NULL WHEN COUNT(x2) OVER (PARTITION BY ct_group) = 1 OR MIN(x2) OVER (PARTITION BY ct_group) = MAX(x2) OVER (PARTITION BY ct_group) THEN 0.5 ELSE (CAST(RANK() OVER (PARTITION BY ct_group, x2 IS NULL ORDER BY x2) - 1 AS FLOAT64) + (CAST(COUNT(*) OVER (PARTITION BY ct_group, x2 IS NULL ORDER BY x2 RANGE BETWEEN CURRENT ROW AND CURRENT ROW) AS FLOAT64) - 1) / 2) / (CAST(COUNT(x2) OVER (PARTITION BY ct_group) AS FLOAT64) - 1) END AS t2
  FROM dims
),
scores AS (
  SELECT ct_key, ct_group,
    CASE WHEN CASE WHEN t0 IS NULL THEN 0 ELSE 3.0 END + CASE WHEN t1 IS NULL THEN 0 ELSE 1.0 END + CASE WHEN t2 IS NULL THEN 0 ELSE 1.0 END > 0 THEN LEAST(100, GREATEST(0, (100 * (COALESCE(3.0 * t0, 0) + COALESCE(1.0 * t1, 0) + COALESCE(1.0 * t2, 0))) / (CASE WHEN t0 IS NULL THEN 0 ELSE 3.0 END + CASE WHEN t1 IS NULL THEN 0 ELSE 1.0 END + CASE WHEN t2 IS NULL THEN 0 ELSE 1.0 END))) END AS ct_score
  FROM normalised
),
tie_groups AS (
  SELECT ct_group, ct_score AS value, COUNT(*) AS tied, SUM(CASE WHEN ct_score > 0 THEN ct_score ELSE 0 END) AS tied_positive
  FROM scores
  WHERE ct_score IS NOT NULL
  GROUP BY ct_group, ct_score
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
      WHEN CAST(customers_above AS FLOAT64) / CAST(customers_total AS FLOAT64) < 0.2 THEN 0
      WHEN CAST(customers_above AS FLOAT64) / CAST(customers_total AS FLOAT64) < 0.5 THEN 1
      ELSE 2 END AS tier_index,
    customers_above + 1 AS tier_rank,
    CASE WHEN value_total > 0 THEN (value_above + tied_positive) / value_total ELSE 0 END AS cumulative_share
  FROM running
)
SELECT c.* EXCEPT (ct_key, ct_dim0, ct_dim1, ct_dim2, ct_group, ct_group_name), s.ct_score AS score, CASE t.tier_index WHEN 0 THEN 'A' WHEN 1 THEN 'B' WHEN 2 THEN 'C' END AS tier, c.ct_group_name AS customer_group
FROM customers c
JOIN scores s ON s.ct_key = c.ct_key
LEFT JOIN tiered t ON s.ct_score = t.value AND t.ct_group = c.ct_group
ORDER BY t.tier_rank NULLS LAST, c.ct_key
