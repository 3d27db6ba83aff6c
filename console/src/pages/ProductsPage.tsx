import { useState, type ChangeEvent } from 'react';
import type { MerchandisingFunctions, ProductAdminJson } from '../../../contract/merchandising';
import { call, type ApiError } from '../api';
import { linkLinesCsv, parseLinkLines } from '../catalogImport';
import { Field, FieldErrorsContext } from '../components/Field';
import { Empty, ErrorBox, Loading } from '../components/States';
import { describeError } from '../errorText';
import { t } from '../i18n';
import { newProductForm, PRODUCT_PATHS, productFormFrom, productInput, type ProductForm } from '../merchForms';
import { yuan } from '../money';
import { href, navigate } from '../router';
import { useLoad } from '../useLoad';
import { useMerchForm } from '../useMerchForm';
import { usePaged } from '../usePaged';

type ImportResult = MerchandisingFunctions['importCatalog']['result'];

/** The catalog, a page at a time, searchable by title or shop. */
export function ProductListPage() {
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const list = usePaged(async (cursor) => {
    const page = await call('listCatalog', { limit: 50, ...(cursor ? { cursor } : {}), ...(search ? { query: search } : {}) });
    return { rows: page.products, nextCursor: page.nextCursor };
  }, `catalog:${search}`);
  return (
    <section className='page'>
      <div className='page__header'>
        <h1>{t('Products')}</h1>
        <div className='page__actions'>
          <form
            className='inline-field'
            onSubmit={(e) => {
              e.preventDefault();
              setSearch(query.trim());
            }}
          >
            <input id='product-search' value={query} placeholder={t('Title or shop')} onChange={(e) => setQuery(e.target.value)} />
            <button type='submit' className='button'>
              {t('Search')}
            </button>
          </form>
          <a className='button' id='import-products' href={href({ page: 'productImport' })}>
            {t('Import')}
          </a>
          <a className='button button--primary' id='new-product' href={href({ page: 'product', productId: null })}>
            {t('New product')}
          </a>
        </div>
      </div>
      {list.loading ? (
        <Loading />
      ) : list.error ? (
        <ErrorBox error={list.error} onRetry={() => void list.reload()} />
      ) : list.rows.length === 0 ? (
        <Empty title={search ? t('No product matches') : t('The catalog is empty')}>{t('Add products one by one, or import a CSV.')}</Empty>
      ) : (
        <>
          <table className='table' id='product-table'>
            <thead>
              <tr>
                <th />
                <th>{t('Title')}</th>
                <th>{t('Shop')}</th>
                <th>{t('Category')}</th>
                <th className='num'>{t('Price')}</th>
                <th className='num'>{t('Stock')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.rows.map((p) => (
                <tr key={p.productId} data-product-id={p.productId}>
                  <td>
                    <img className='thumb' src={p.imageUrl} alt='' />
                  </td>
                  <td>{p.title}</td>
                  <td>{p.shopName}</td>
                  <td>{p.category}</td>
                  <td className='num'>{yuan(p.priceFen)}</td>
                  <td className='num'>{p.stock ?? '—'}</td>
                  <td className='actions'>
                    <a href={href({ page: 'product', productId: p.productId })}>{t('Edit')}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.hasMore && (
            <button type='button' className='button' id='products-more' disabled={list.loadingMore} onClick={() => void list.loadMore()}>
              {list.loadingMore ? t('Loading…') : t('Load more')}
            </button>
          )}
          {list.moreError && <ErrorBox error={list.moreError} />}
        </>
      )}
    </section>
  );
}

async function findProduct(productId: string): Promise<ProductAdminJson | null> {
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const { products, nextCursor } = await call('listCatalog', { limit: 100, ...(cursor ? { cursor } : {}) });
    const found = products.find((p) => p.productId === productId);
    if (found) return found;
    if (!nextCursor) return null;
    cursor = nextCursor;
  }
  return null;
}

export function ProductEditorPage({ productId }: { productId: string | null }) {
  const loaded = useLoad(async () => (productId ? findProduct(productId) : null), `product:${productId ?? 'new'}`);
  if (loaded.loading) return <Loading />;
  if (loaded.error) return <ErrorBox error={loaded.error} onRetry={() => void loaded.reload()} />;
  if (productId && !loaded.data) return <Empty title={t('Product not found')} />;
  return <ProductEditor key={loaded.data?.updatedAt ?? 'new'} product={loaded.data} />;
}

function ProductEditor({ product }: { product: ProductAdminJson | null }) {
  const editor = useMerchForm({
    initial: product ? productFormFrom(product) : newProductForm(),
    toInput: (f: ProductForm) => productInput(f),
    send: async (input) => (await call('saveProduct', { product: input })).product,
    paths: PRODUCT_PATHS,
    onSaved: () => navigate({ page: 'products' }),
  });
  const { bind } = editor;
  const images = editor.form
    .watch('imagesText')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^https:\/\//.test(l));
  return (
    <FieldErrorsContext.Provider value={editor.errors}>
      <section className='page'>
        <div className='page__header'>
          <div>
            <a className='back' href={href({ page: 'products' })}>
              ← {t('Products')}
            </a>
            <h1 id='product-title'>{product ? product.title : t('New product')}</h1>
          </div>
          <div className='page__actions'>
            <button
              type='button'
              className='button button--primary'
              id='save-product'
              disabled={editor.saving}
              onClick={() => void editor.save()}
            >
              {editor.saving ? t('Saving…') : t('Save')}
            </button>
          </div>
        </div>
        {editor.top.length > 0 && (
          <div className='form-error form-error--top' id='product-errors' role='alert'>
            {editor.top.map((m, i) => (
              <div key={i}>{m}</div>
            ))}
          </div>
        )}
        <form className='editor__form' onSubmit={(e) => e.preventDefault()}>
          <fieldset className='section'>
            <legend>{t('Product')}</legend>
            <div className='section__grid'>
              {!product && (
                <Field
                  label={t('Item link or id')}
                  path='link'
                  wide
                  hint={t('The Taobao/Tmall link shoppers paste; their links then find this product')}
                >
                  <input {...bind('link')} placeholder='https://item.taobao.com/item.htm?id=…' />
                </Field>
              )}
              <Field label={t('Title')} path='title' wide>
                <input {...bind('title')} />
              </Field>
              <Field label={t('Shop')} path='shopName'>
                <input {...bind('shopName')} />
              </Field>
              <Field label={t('Price (yuan)')} path='priceFen'>
                <input inputMode='decimal' {...bind('priceYuan')} />
              </Field>
              <Field label={t('Category')} path='category'>
                <input {...bind('category')} />
              </Field>
              <Field label={t('Stock (empty = not tracked)')} path='stock'>
                <input inputMode='numeric' {...bind('stock')} />
              </Field>
              <Field label={t('Images (https, one per line; the first is the main one)')} path='images' wide>
                <textarea rows={4} {...bind('imagesText')} />
              </Field>
            </div>
            {images.length > 0 && (
              <div className='thumbs'>
                {images.slice(0, 9).map((src) => (
                  <img key={src} className='thumb thumb--large' src={src} alt='' />
                ))}
              </div>
            )}
          </fieldset>
        </form>
      </section>
    </FieldErrorsContext.Provider>
  );
}

const CSV_SAMPLE =
  'link,title,shopName,priceFen,category,stock\nhttps://item.taobao.com/item.htm?id=700000000001,保湿面霜 50ml,小美旗舰店,12900,美妆护肤,200\n';
const LINKS_SAMPLE = 'https://item.taobao.com/item.htm?id=700000000002, 丝绒口红, 小美旗舰店, 89.00, 美妆护肤\n';
const MAX_BYTES = 900_000;

/** Catalog import: a CSV file or pasted product links; every row reported (created, updated or why not). */
export function ProductImportPage() {
  const [mode, setMode] = useState<'csv' | 'links'>('csv');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setError(t('{file} is larger than 900 KB, the most one import takes; split it into smaller files.', { file: file.name }));
      return;
    }
    const reader = new FileReader();
    reader.onload = () => {
      setText(String(reader.result ?? '').replace(/^\ufeff/, ''));
      setMode('csv');
      setError(null);
      setResult(null);
    };
    reader.onerror = () => setError(t('Could not read {file}.', { file: file.name }));
    reader.readAsText(file, 'utf-8');
  };

  const submit = async () => {
    if (!text.trim()) {
      setError(mode === 'csv' ? t('Paste CSV or choose a file first.') : t('Paste product links first.'));
      return;
    }
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const csv = mode === 'csv' ? text : linkLinesCsv(parseLinkLines(text), text);
      setResult(await call('importCatalog', { csv }));
    } catch (e) {
      setError(describeError(e as ApiError));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className='page'>
      <div className='page__header'>
        <div>
          <a className='back' href={href({ page: 'products' })}>
            ← {t('Products')}
          </a>
          <h1>{t('Import products')}</h1>
        </div>
      </div>
      <div className='tabs' role='tablist'>
        <button
          type='button'
          role='tab'
          id='import-mode-csv'
          aria-selected={mode === 'csv'}
          className={mode === 'csv' ? 'active' : ''}
          onClick={() => setMode('csv')}
        >
          {t('CSV')}
        </button>
        <button
          type='button'
          role='tab'
          id='import-mode-links'
          aria-selected={mode === 'links'}
          className={mode === 'links' ? 'active' : ''}
          onClick={() => setMode('links')}
        >
          {t('From product links')}
        </button>
      </div>
      <p className='muted'>
        {mode === 'csv' ? (
          <>
            {t('CSV with a header row:')} <code>productId|link,title,shopName,priceFen,category[,images][,stock][,shareCode]</code>.{' '}
            {t('A row with a productId updates it; a row with a link creates the product. Images are separated by')} <code>|</code>.
          </>
        ) : (
          t('One product per line: link, title, shop, price in yuan, category (separated by commas or tabs).')
        )}
      </p>
      <div className='import'>
        <textarea
          id='catalog-import-text'
          rows={12}
          value={text}
          placeholder={mode === 'csv' ? CSV_SAMPLE : LINKS_SAMPLE}
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
        />
        <div className='import__actions'>
          {mode === 'csv' && (
            <label className='button'>
              {t('Choose file…')}
              <input type='file' accept='.csv,text/csv,text/plain' id='catalog-import-file' hidden onChange={onFile} />
            </label>
          )}
          <button type='button' className='button' onClick={() => setText(mode === 'csv' ? CSV_SAMPLE : LINKS_SAMPLE)}>
            {t('Insert sample')}
          </button>
          <button type='button' className='button button--primary' id='catalog-import-submit' onClick={() => void submit()} disabled={busy}>
            {busy ? t('Importing…') : t('Import')}
          </button>
        </div>
      </div>
      {error && <ErrorBox error={error} />}
      {result && (
        <div className='import-report' id='catalog-import-report'>
          <div className='tiles'>
            <div className='tile' id='catalog-import-received'>
              <span className='tile__label'>{t('Rows received')}</span>
              <strong className='tile__value'>{result.received}</strong>
            </div>
            <div className='tile' id='catalog-import-created'>
              <span className='tile__label'>{t('Created')}</span>
              <strong className='tile__value'>{result.created}</strong>
            </div>
            <div className='tile' id='catalog-import-updated'>
              <span className='tile__label'>{t('Updated')}</span>
              <strong className='tile__value'>{result.updated}</strong>
            </div>
            <div className={`tile${result.rejected.length > 0 ? ' tile--warn' : ''}`} id='catalog-import-rejected'>
              <span className='tile__label'>{t('Rejected')}</span>
              <strong className='tile__value'>{result.rejected.length}</strong>
            </div>
          </div>
          {result.rejected.length === 0 ? (
            <Empty title={t('Every row was imported.')} />
          ) : (
            <table className='table' id='catalog-rejected-table'>
              <thead>
                <tr>
                  <th className='num'>{t('Row')}</th>
                  <th>{t('Product')}</th>
                  <th>{t('Reason')}</th>
                </tr>
              </thead>
              <tbody>
                {result.rejected.map((r) => (
                  <tr key={`${r.row}-${r.productId ?? ''}`}>
                    <td className='num'>{r.row}</td>
                    <td>{r.productId ?? <span className='muted'>—</span>}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
