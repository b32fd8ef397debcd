"""The words pages use, in many languages, for what Jasper reads: price labels ("Was",
"Current bid", "通常価格"), class names of prices, buy, bid and contact actions, field
labels ("Brand", "Marke", "ブランド"), conditions and availability. Kept apart from the rules
that use them (:mod:`.page`, :mod:`.heuristics`) so that a language is added in one place.
"""

from __future__ import annotations

import re

# Words in class names and ids (split on -, _ and camelCase) that say what a price is.
CLASS_OLD = {"old", "was", "before", "original", "origin", "strike", "striked", "strikethrough",
             "crossed", "through", "rrp", "msrp", "uvp", "compare", "basis", "reference",
             "previous", "prev", "pvp", "linethrough", "oldprice", "wasprice",
             "listprice", "strikeout", "strikethru", "crossout", "crossedout"}  # fmt: skip
CLASS_SIDE = {"member", "vip", "club", "coupon", "installment", "installments", "instalment",
              "parcel", "parcela", "parcelas", "cuota", "cuotas", "monthly", "emi", "klarna",
              "afterpay", "points", "point", "reward", "rewards", "cashback", "saving",
              "savings", "shipping", "delivery", "postage", "fee", "fees", "tax",
              "unit", "perunit", "converted", "conversion", "approx", "plus",
              "subtotal", "total", "bonus"}  # fmt: skip
CLASS_ELSEWHERE = {"carousel", "recommend", "recommendation", "recommendations", "recommended",
                   "related", "similar", "sponsored", "upsell", "crosssell", "also", "suggest",
                   "suggested", "suggestions", "reco", "recs", "viewed", "bought",
                   "recently"}  # fmt: skip
CLASS_PRICE = {"price", "prices", "pricing", "amount", "cost", "prix", "preis", "precio",
               "preco", "prezzo", "cena", "fiyat", "harga", "gia", "kaina", "hinta", "pris",
               "prijs", "saleprice", "currentprice", "finalprice", "pricetopay",
               "money"}  # fmt: skip
CLASS_CURRENT = {"current", "now", "sale", "final", "pay", "topay", "pricetopay", "actual",
                 "special", "deal", "selling", "discounted", "reduced"}  # fmt: skip

# Visible words next to a price that say what it is (lower-cased; several languages).
LABEL_OLD = re.compile(
    r"\b(was|originally|original price|orig\.|regular price|reg\b[.:]?(?!\s*\))|list price|"
    r"rrp|uvp|msrp|"
    r"statt|vorher|ursprünglich|unverbindliche preisempfehlung|empfohlener|avant|au lieu de|"
    r"prix de référence|prix barré|prix conseillé|prix d'origine|antes|precio anterior|"
    r"precio recomendado|pvpr|de:|prima|prezzo consigliato|prezzo di listino|typical price|"
    r"compare at|before|zuvor|voorheen|adviesprijs|normalpreis|tidigare|förr|ord\. pris|"
    r"rekommenderat pris|cena regularna|sugerowana|eski fiyat|liste fiyatı)\b|"
    r"通常価格|参考価格|定価|メーカー希望|原价|定价|"
    r"市场价|정가|원가|정상가|было|старая цена",
    re.I,
)
LABEL_SIDE = re.compile(
    r"\b(member|members|prime|club|coupon|kupon|points?|cashback|shipping|delivery|postage|"
    r"versand|livraison|envío|envio|frete|spedizione|verzending|wysyłka|dostawa|доставка|"
    r"kargo|approximately|approx\.?|environ|aprox\.?|ca\.|circa|per month|/mo|a month|monthly|"
    r"mensal|por mes|al mese|pro monat|par mois|installments?|instalments?|"
    r"\d+\s*x|x\s*de|cuotas|parcelas|rate|buyer protection|fees?|frais|gebühr|save|sparen|"
    r"économisez|ahorra|you save|savings?|subtotal|total|tax|vat|sample|off|or more|"
    r"orders? (of|over)|over|spend|free|s&h|gift card|reward)\b|plus价|会员|会員|멤버십|쿠폰|"
    r"优惠券|クーポン|ポイント|送料|배송비|运费|적립금|积分|분할|할부|分期",
    re.I,
)
LABEL_CURRENT = re.compile(
    r"(?<!buy it )\b(now|sale price|sale|our price|deal price|price to pay|jetzt|nur|nu|"
    r"ahora|agora|"
    r"maintenant|adesso|teraz|сейчас)\b|促销价|活动价|到手价|特价|折扣价|优惠价|セール価格|"
    r"特別価格|販売価格|할인가|판매가|세일가|indirimli fiyat",
    re.I,
)
# What follows a price and makes it a side price: "+ £4.50 shipping", "/mo", "incl. fees".
AFTER_SIDE = re.compile(
    r"^\s*(\+|/\s*(mo|month|mes|mois|monat|mese)|per month|a month|x\b|shipping|delivery|"
    r"postage|versand|livraison|envío|frete|spedizione|incl(udes|\.|uding)? (buyer|fees)|"
    r"includes buyer protection|buyer protection|inkl\. käuferschutz|protection acheteurs)",
    re.I,
)
LABEL_BID = re.compile(
    r"current bid|winning bid|high(est)? bid|aktuelles gebot|enchère actuelle|offre actuelle|"
    r"puja actual|oferta actual|offerta attuale|lance atual|huidig bod|aktualna oferta|"
    r"текущая ставка|現在の入札|当前出价|현재 입찰가",
    re.I,
)
LABEL_START = re.compile(
    r"starting bid|start(ing)? price|opening bid|startpreis|startgebot|mise à prix|"
    r"prix de départ|puja inicial|precio inicial|prezzo di partenza|base d'asta|lance inicial|"
    r"openingsbod|cena wywoławcza|начальная ставка|開始価格|起拍价|시작가",
    re.I,
)
LABEL_BIDS = re.compile(r"\b(\d+)\s*(bids?|gebote?|enchères?|pujas?|offerte|lances?|biedingen|"
                        r"ofert|ставк\w*|件の入札|次出价|회 입찰)", re.I)  # fmt: skip

ACTION_WORDS = {
    "buy": re.compile(
        r"add to (cart|basket|bag|trolley)|add to shopping (cart|bag)|buy (it )?now|buy now|"
        r"^buy$|order now|start order|in den (warenkorb|einkaufswagen)|jetzt kaufen|sofort-kaufen|"
        r"ajouter au panier|acheter|añadir al carrito|agregar al carrito|comprar( ahora)?|"
        r"adicionar (ao|à) (carrinho|sacola)|aggiungi al carrello|acquista( ora)?|"
        r"in (de )?winkelwagen|in winkelmandje|koop nu|do koszyka|kup teraz|dodaj do koszyka|"
        r"в корзину|купить|sepete ekle|hemen al|satın al|カートに入れる|今すぐ買う|購入手続き|"
        r"買い物かごに入れる|加入购物车|立即购买|加入購物車|立即購買|장바구니|바로구매|구매하기|"
        r"เพิ่มไปยังรถเข็น|ซื้อเลย|thêm vào giỏ|mua ngay|tambah ke keranjang|beli sekarang|"
        r"masukkan keranjang|أضف إلى (السلة|العربة)|اشتر(ي)? الآن|lägg i (varukorg|kundvagn)|"
        r"köp nu|læg i kurv|legg i handlekurv|lisää ostoskoriin|kosárba|do košíku|"
        r"add to order|check ?out now|get it now|shop now",
        re.I,
    ),
    "bid": re.compile(
        r"place bid|^bid$|bid now|make (an )?offer|bieten|gebot abgeben|preis vorschlagen|"
        r"enchérir|faire une offre|pujar|hacer (una )?oferta|fazer oferta|fare un'offerta|"
        r"bieden|licytuj|złóż ofertę|сделать ставку|入札する|出价|입찰하기|teklif ver",
        re.I,
    ),
    "contact": re.compile(
        r"(contact|message|ask|chat with|email|call|text) (the )?(seller|supplier|vendor|owner|"
        r"advertiser|shop|store)|send (a )?message|send seller a message|show (phone )?number|"
        r"reveal (phone|number)|^message$|^chat$|^reply$|nachricht (schreiben|senden)|"
        r"verkäufer kontaktieren|anbieter kontaktieren|contacter|envoyer un message|"
        r"contactar|enviar mensaje|chatear|enviar mensagem|chat|contattare|"
        r"contatta|invia messaggio|bericht sturen|napisz wiadomość|wyślij wiadomość|"
        r"написать( продавцу)?|показать (телефон|номер)|позвонить|mesaj gönder|"
        r"出品者に(連絡|質問)|联系卖家|联系客服|판매자 문의|채팅하기|"
        r"ติดต่อผู้ขาย|nhắn tin|chat ngay|hubungi penjual|تواصل مع البائع|راسل البائع",
        re.I,
    ),
}
ACTION_ATTRS = re.compile(
    r"add-?to-?(cart|bag|basket)|addtocart|buy-?now|buy-?button|buy-?box|place-?bid|"
    r"make-?offer|contact-?seller|message-?seller|add_to_cart|product-form__submit|"
    r"btn-cart|single_add_to_cart",
    re.I,
)

LABELLED = {
    "brand": r"brand|marke|marque|marca|merk|marka|бренд|производитель|品牌|ブランド|브랜드|"
    r"marchio|varumärke|العلامة التجارية|thương hiệu|merek|ยี่ห้อ",
    "sku": r"sku|item number|item no\.?|article number|artikelnummer|art\.-nr\.?|"
    r"référence|ref\.|referencia|código|codice articolo|numer produktu|артикул|商品番号|"
    r"商品编号|상품번호|ürün kodu|asin",
    "mpn": r"mpn|model number|item model number|model|modell|modèle|modelo|modello|"
    r"型番|型号|모델명",
    "gtin": r"gtin|ean|upc|isbn|jan",
    "condition": r"condition|zustand|artikelzustand|état|estado|condizione|condição|stan|"
    r"состояние|状態|商品の状態|成色|상태|durum",
    "seller": r"sold by|seller|sold and shipped by|verkäufer|verkauft von|vendu par|vendeur|"
    r"vendido por|vendedor|venduto da|venditore|sprzedawca|продавец|販売元|出品者|卖家|"
    r"店铺|판매자|satıcı|người bán|penjual|البائع|posted by|listed by|store|shop",
}

CONDITIONS = (
    (re.compile(r"refurb|restored|renewed|generalüberholt|reconditionn|reacondicionad|"
                r"recondicionad|ricondizionat|odnowion|восстановлен|整備済|翻新|리퍼", re.I),
     "RefurbishedCondition"),
    (re.compile(r"used|pre-?owned|gebraucht|occasion|d'occasion|usad[oa]|usat[oa]|seminuev|"
                r"używan|б/у|подержан|中古|二手|중고|ikinci el|second[- ]hand|like new|"
                r"very good|good|fair|sehr gut|bon état|très bon|como nuevo|come nuovo", re.I),
     "UsedCondition"),
    (re.compile(r"\bnew\b|\bneu\b|neuf|nuev[oa]|nov[oa]|nuov[oa]|nowy|новый|新品|全新|새상품|"
                r"\bsıfır\b|brand new|nieuw", re.I), "NewCondition"),
    (re.compile(r"damaged|for parts|defekt|pour pièces", re.I), "DamagedCondition"),
)  # fmt: skip


AVAILABILITY_WORDS = (
    (
        "OutOfStock",
        r"out of stock|sold out|currently unavailable|no disponible|agotado|"
        r"nicht verfügbar|ausverkauft|épuisé|indisponible|esgotado|non disponibile|"
        r"esaurito|niedostępny|нет в наличии|在庫切れ|売り切れ|缺货|无货|품절|stokta yok|"
        r"hết hàng|habis|نفدت الكمية",
    ),
    (
        "InStock",
        r"^in stock|^auf lager|^en stock|^disponible|^em estoque|^disponibile|^dostępny|"
        r"^в наличии|^在庫あり|^有货|^재고 있음|^stokta",
    ),
)
